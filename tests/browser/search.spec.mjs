// Drives headless Chromium through the search page the way a person would:
// search, narrow by a region facet, click a histogram bar, remove a filter,
// page forward. Run by tests/e2e/browser_test.py, which starts the server.
//
// With DEMO_URL (a server on the demo's database, corpus/sample), it also
// checks that the sidebar and the hits' chips keep their counts.
//
//   node search.spec.mjs BASE_URL SCREENSHOT_DIR [DEMO_URL]
import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, screenshotDir, demoUrl] = process.argv.slice(2);
if (!baseUrl || !screenshotDir) {
  console.error('usage: node search.spec.mjs BASE_URL SCREENSHOT_DIR [DEMO_URL]');
  process.exit(2);
}

// Without the networking flags Chromium tries to reach Google's hosts at
// start-up, which a closed network refuses.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

const problems = [];
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
// A CSP violation or a broken resource shows up as a console error.
// The browser's own /favicon.ico request is the one 404 to expect.
page.on('console', (m) => {
  if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
});
page.on('response', (r) => {
  if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(r.status() + ' ' + r.url());
});
page.on('pageerror', (e) => problems.push(String(e)));

const summary = () => page.locator('p.summary[role=status]').innerText();
const titles = () => page.locator('ol.results h3').allInnerTexts();
const chips = () => page.locator('ul.chips.active li').allInnerTexts();

async function step(name, body) {
  try {
    await body();
    console.log('ok   ' + name);
  } catch (e) {
    await page.screenshot({ path: path.join(screenshotDir, 'browser-failure.png'), fullPage: true });
    console.log('FAIL ' + name + ' (at ' + page.url() + ')');
    throw e;
  }
}

try {
  await step('the search box is labelled and searches', async () => {
    await page.goto(baseUrl);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByLabel('Search the news').fill('oil');
    await page.getByLabel('Search the news').press('Enter');
    await page.waitForURL(/q=oil/);
    assert.match(await summary(), /^16 articles/);
    const shown = await titles();
    assert.equal(shown.length, 10);
    assert.ok(shown.every((t) => /Oil output report/.test(t)), shown.join(' | '));
    assert.ok(await page.locator('ol.results mark').count() > 0, 'matched words are highlighted');
  });

  await step('a region facet narrows the results', async () => {
    const norway = page.locator('aside section[aria-labelledby=facet-region] a', { hasText: 'Norway' });
    assert.match(await norway.innerText(), /Norway\s*4/);
    await norway.click();
    await page.waitForURL(/region=no(&|$)/);
    assert.match(await summary(), /^4 articles/);
    assert.ok((await titles()).every((t) => t.endsWith('from Norway')));
    assert.deepEqual(await chips(), ['Region: Norway ×']);
    // Multi-select: the other regions still offer their counts.
    assert.match(await page.locator('aside a', { hasText: 'Brazil' }).innerText(), /Brazil\s*4/);
  });

  await step('a histogram bar narrows to its period', async () => {
    const bars = page.locator('svg.histogram a');
    assert.ok(await bars.count() >= 2, 'the histogram has bars');
    const label = await bars.first().getAttribute('aria-label');
    const [, period, count] = label.match(/^(.*): (\d+) articles?$/);
    await bars.first().click();
    await page.waitForURL(/from=/);
    assert.match(await summary(), new RegExp('^' + count + ' articles?'));
    const active = await chips();
    assert.equal(active.length, 2, active.join(' | '));
    assert.ok(active[1].startsWith('Date: '), active.join(' | '));
    const years = await page.locator('ol.results time').allInnerTexts();
    assert.ok(years.every((d) => period.includes(d.slice(0, 4))), period + ' vs ' + years.join(','));
  });

  await step('removing a filter chip widens the results again', async () => {
    await page.getByRole('link', { name: 'Remove filter Region: Norway' }).click();
    await page.waitForURL((u) => !u.searchParams.has('region'));
    assert.equal((await chips()).length, 1);
    assert.ok((await chips())[0].startsWith('Date: '));
    await page.getByRole('link', { name: /^Remove filter Date/ }).click();
    await page.waitForURL((u) => !u.searchParams.has('from'));
    assert.deepEqual(await chips(), []);
    assert.match(await summary(), /^16 articles/);
  });

  await step('the next page shows the rest', async () => {
    await page.screenshot({ path: path.join(screenshotDir, 'search-page.png'), fullPage: true });
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/page=2/);
    assert.match(await page.locator('nav.pages').innerText(), /Page 2 of 2/);
    assert.equal((await titles()).length, 6);
    assert.equal(await page.locator('ol.results').getAttribute('start'), '11');
    assert.equal(await page.getByRole('link', { name: /Next/ }).count(), 0);
  });

  // browser_test.py runs the server with NEWSDESK_NOW=2025-06-20: Nigeria's
  // oil stories are dated 2025-02-06, 06-02, 06-14 and 10-10 (after "now":
  // an open date range keeps it), so each period gives another count.
  await step('past day, week, month and year keep the search and its filters', async () => {
    await page.goto(baseUrl + '?q=oil&region=Nigeria&sort=newest&page=2');
    const recent = page.locator('aside section[aria-labelledby=facet-date] ul.recent');
    assert.deepEqual(await recent.locator('li').allInnerTexts(), ['Past day', 'Past week', 'Past month', 'Past year']);
    for (const [label, from, count] of [['Past year', '-1y', 4], ['Past month', '-1m', 3], ['Past week', '-7d', 2],
                                        ['Past day', '-1d', 1]]) {
      await recent.getByRole('link', { name: label }).click();
      await page.waitForURL((u) => u.searchParams.get('from') === from);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), 'oil');
      assert.equal(url.searchParams.get('region'), 'ng');
      assert.equal(url.searchParams.get('sort'), 'newest');
      assert.equal(url.searchParams.has('page'), false);
      assert.match(await summary(), new RegExp('^' + count + ' articles?'), label);
      assert.deepEqual(await chips(), ['Region: Nigeria ×', label + ' ×']);
      assert.equal(await recent.locator('strong[aria-current]').innerText(), label);
    }
    assert.deepEqual(await titles(), ['Oil output report 9 from Nigeria']);
    const feed = await page.locator('head link[rel=alternate][type="application/atom+xml"]').getAttribute('href');
    assert.equal(feed, '?q=oil&region=ng&from=-1d&format=atom');
    await page.getByRole('link', { name: 'Remove filter Past day' }).click();
    await page.waitForURL((u) => !u.searchParams.has('from'));
    assert.match(await summary(), /^4 articles/);
  });

  await step('the keyboard reaches the search box with a visible focus', async () => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.equal(focused, 'q');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
  });

  await step('a phone-sized screen needs no sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(baseUrl + '?q=oil');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, 'page is ' + overflow + 'px wider than the phone');
    await page.screenshot({ path: path.join(screenshotDir, 'search-page-phone.png'), fullPage: false });
  });

  if (demoUrl) {
    const regionEntries = 'aside section[aria-labelledby=facet-region] li > a';
    const countOf = (text) => Number(text.match(/^(\d+) articles?\b/)?.[1]);
    const sabotage = async () => {
      await page.goto(demoUrl + '?q=sabotage');
      return page.locator(regionEntries).evaluateAll((links) => links.map((a) => ({
        label: a.querySelector('span').textContent.replace(/^\u2713 /, ''),
        count: Number(a.querySelector('.count').textContent),
        hidden: !!a.closest('details'),
      })));
    };

    await step('the demo\'s sabotage sidebar names each region once', async () => {
      const entries = await sabotage();
      const labels = entries.map((e) => e.label);
      assert.ok(labels.length > 5, labels.join(' | '));
      assert.equal(new Set(labels).size, labels.length, 'a region listed twice: ' + labels.join(' | '));
      assert.ok(labels.includes('Russia') && labels.includes('Ukraine') && labels.includes('Crimea'), labels.join(' | '));
      // Crimea is listed within Ukraine, the country it counts for.
      const within = page.locator('aside section[aria-labelledby=facet-region] ul.within[aria-label="In Ukraine"]');
      assert.match(await within.innerText(), /Crimea/);
    });

    await step('every sidebar entry gives exactly the count it showed', async () => {
      const entries = await sabotage();
      for (const [i, entry] of entries.entries()) {
        await sabotage();
        if (entry.hidden) await page.locator('aside section[aria-labelledby=facet-region] details summary').click();
        await page.locator(regionEntries).nth(i).click();
        await page.waitForURL(/region=/);
        assert.equal(countOf(await summary()), entry.count, entry.label + ': ' + (await summary()));
      }
    });

    await step('every region chip on a hit gives the count the sidebar showed', async () => {
      const sidebar = new Map((await sabotage()).map((e) => [e.label, e.count]));
      const chips = await page.locator('ol.results ul.chips a[title^="Only region "]').evaluateAll(
        (links) => [...new Map(links.map((a) => [a.textContent, a.getAttribute('href')])).entries()]);
      assert.ok(chips.length > 3, 'region chips on the hits: ' + chips.length);
      for (const [label, href] of chips) {
        await page.goto(new URL(href, demoUrl).href);
        assert.equal(countOf(await summary()), sidebar.get(label), label + ': ' + (await summary()));
      }
    });
  }

  await step('no console errors (CSP violations included)', async () => {
    assert.deepEqual(problems, []);
  });
} finally {
  await browser.close();
}
