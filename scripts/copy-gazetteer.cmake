# Copy the curated gazetteers (corpus/gazetteer/*.tsv) next to the generated
# regions.tsv; run at every build so edits to them are picked up.
# usage: cmake -DSRC=dir -DDST=dir -P copy-gazetteer.cmake
foreach(name actors.tsv regions-overlay.tsv region-labels.tsv)
  if(EXISTS "${SRC}/${name}")
    configure_file("${SRC}/${name}" "${DST}/${name}" COPYONLY)
  elseif(EXISTS "${DST}/${name}")
    file(REMOVE "${DST}/${name}")
  endif()
endforeach()
