// tests/consumers/serve_live.mjs — live reload in a real browser: the
// system Chromium, driven by playwright-core, opens a preview of
// `congvan serve`, scrolls down, and the document is edited on disk; the new
// text must appear in place (no navigation) with the scroll position kept.
// Then a bad save shows the error page and the next good save recovers.
//
// Run by serve_live.sh with CV_URL (the server, no final /), CV_DOC (the
// .md file on disk behind CV_URL/doc/NAME.md), CV_NODE (npm prefix holding
// playwright-core) and CV_OUT (where screenshots go).  Prints "ok NAME" or
// "not ok NAME: DETAIL" lines for the suite's report().
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { basename } from 'node:path';

const { CV_URL, CV_DOC, CV_NODE, CV_OUT } = process.env;
const require = createRequire(`${CV_NODE}/`);
const { chromium } = require('playwright-core');

const ok = (name) => console.log(`ok ${name}`);
const notOk = (name, detail) => console.log(`not ok ${name}: ${String(detail).replace(/\s+/g, ' ').slice(0, 300)}`);
const expect = (name, cond, detail) => (cond ? ok(name) : notOk(name, detail));

// An editor's save: a temporary file renamed over the old one (as vim and
// most IDEs do), so the server must follow the path, not the inode.
const save = (text) => {
	writeFileSync(`${CV_DOC}.tmp`, text);
	renameSync(`${CV_DOC}.tmp`, CV_DOC);
};

const original = readFileSync(CV_DOC, 'utf8');
const docUrl = `${CV_URL}/doc/${encodeURIComponent(basename(CV_DOC))}`;
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	timeout: 30000,
});
try {
	const page = await browser.newPage({ viewport: { width: 1100, height: 850 } });
	const problems = [];
	// the error page comes with status 422: Chromium logs that fetch, as
	// expected; anything else (a CSP refusal, a script error) is a problem
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 422/.test(m.text())) problems.push(m.text());
	});
	page.on('pageerror', (e) => problems.push(String(e)));
	const outside = [];
	page.on('request', (r) => { if (!r.url().startsWith(CV_URL)) outside.push(r.url()); });

	const resp = await page.goto(docUrl, { waitUntil: 'load' });
	expect('preview loads (200)', resp && resp.status() === 200, resp && resp.status());
	// the event stream is open once the toolbar says so
	await page.waitForSelector('#cv-live-state.on', { timeout: 10000 })
		.then(() => ok('event stream open'), (e) => notOk('event stream open', e));
	expect('toolbar with DOCX, HTML and print', await page.evaluate(() =>
		!!(document.querySelector('#cv-docx') && document.querySelector('#cv-html') &&
			document.querySelector('#cv-print'))), 'missing buttons');
	await page.screenshot({ path: `${CV_OUT}/serve-preview.png` });

	// scroll into the body, mark the window (a navigation would lose it)
	await page.evaluate(() => { window.scrollTo(0, 700); window.cvNoNavigation = true; });
	const before = await page.evaluate(() => window.scrollY);
	expect('page scrolls (scrollY 700)', before === 700, before);

	// appended to a paragraph that is on screen at this scroll position (in
	// the sample), or else a new first paragraph
	const marker = `ĐOẠN VĂN MỚI THÊM LÚC ${Date.now()}`;
	const anchor = 'c) Bố trí điểm tập kết';
	const edited = original.includes(anchor)
		? original.replace(anchor, `${marker}.\n\n${anchor}`)
		: original.replace(/\n---\n/, `\n---\n\n${marker}.\n`);
	const t0 = Date.now();
	save(edited);
	await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 5000 })
		.then(() => ok(`new text shown ${Date.now() - t0} ms after the save`),
			(e) => notOk('new text shown within 5 s of the save', e));
	const after = await page.evaluate(() => ({
		y: window.scrollY, same: window.cvNoNavigation === true,
		reloads: document.documentElement.getAttribute('data-cv-reloads'),
		live: !!document.querySelector('#cv-live-state.on'),
	}));
	expect('updated in place, no navigation', after.same && after.reloads >= 1, JSON.stringify(after));
	expect(`scroll position kept (${before} → ${after.y})`, Math.abs(after.y - before) <= 2, after.y);
	expect('toolbar still live after the update', after.live, JSON.stringify(after));
	await page.screenshot({ path: `${CV_OUT}/serve-live.png` });

	// a bad save: the error page, with file:line:col and the quoted line
	save(edited.replace(/^ngay: .*$/m, 'ngay: 2026-13-45'));
	await page.waitForSelector('.cv-error', { timeout: 5000 })
		.then(() => ok('bad save: error page shown'), (e) => notOk('bad save: error page shown', e));
	const err = await page.evaluate(() => document.querySelector('.cv-error')?.innerText || '');
	const line = edited.split('\n').findIndex((l) => l.startsWith('ngay:')) + 1;
	expect('bad save: file:line:col and the source line',
		err.includes(`${basename(CV_DOC)}:${line}:`) && err.includes('error') && err.includes('ngay: 2026-13-45'), err);
	await page.screenshot({ path: `${CV_OUT}/serve-error.png` });

	// the next good save recovers by itself
	save(original);
	await page.waitForFunction(() => !document.querySelector('.cv-error') && !!document.querySelector('main.sheet'),
		null, { timeout: 5000 })
		.then(() => ok('good save: document back'), (e) => notOk('good save: document back', e));
	expect('still the same page (no navigation)', await page.evaluate(() => window.cvNoNavigation === true), 'navigated');

	expect('no console errors (CSP, script)', problems.length === 0, problems.join(' | '));
	expect('no request outside the server', outside.length === 0, outside.join(' '));

	// the index in the same browser
	await page.goto(`${CV_URL}/`, { waitUntil: 'load' });
	const rows = await page.evaluate(() => document.querySelectorAll('.cv-list tbody tr').length);
	expect(`index lists the documents (${rows} rows)`, rows >= 3, rows);
} catch (e) {
	notOk('browser session', e && e.stack ? e.stack : e);
} finally {
	await browser.close();
}
