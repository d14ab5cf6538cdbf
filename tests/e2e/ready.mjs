// Waiting for the page's own load. Pages count finished loads in body[data-renders] and show the state of the
// current one in body[data-ready] ('0' loading, '1' done, 'error'); see setReady in wwwroot/js/dom.js.
import assert from 'node:assert/strict';

/**
 * Runs `action` (a click, a filter, page.goto, page.reload…) and waits for the load that it starts to finish:
 * in the same document a render count above the one read before the action, in a new document its first load;
 * a '1' left over from an earlier load never counts. Then asserts the page loaded without an error banner.
 */
export async function settle(page, action) {
  const before = await page.evaluate(() => {
    window.settleMark ??= Math.random(); // absent in a document the action navigates to
    return { mark: window.settleMark, renders: Number(document.body?.dataset.renders || 0) };
  });
  await action();
  await page.waitForFunction(({ mark, renders }) => {
    const body = document.body;
    const done = Number(body?.dataset.renders || 0) > (window.settleMark === mark ? renders : 0);
    return done && body.dataset.ready !== '0';
  }, before, { timeout: 30_000 });
  const { state, banner } = await page.evaluate(() => ({
    state: document.body.dataset.ready,
    banner: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent.trim(),
  }));
  assert.equal(state, '1', `the page did not load: ${banner}`);
  assert.equal(banner, '', 'no error banner');
}

/**
 * Waits until the open map card (a Leaflet popup) stands still: its data came (nothing in it is aria-busy) and the
 * map is out of the pan or zoom that opening the card and fitting it to its loaded content start. A click sent
 * while the map still pans lands where the button was a frame before: on the map, and the card stays open.
 */
export async function mapCardSettled(page) {
  await page.waitForFunction(() => {
    const popup = document.querySelector('.leaflet-popup');
    return popup && !popup.querySelector('[aria-busy]')
      && !document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim, .leaflet-cluster-anim');
  });
}

/**
 * Waits until the vacancy view is live and past the catch-up load that its connection starts: the first load waits
 * at most 1.5 s for the connection, and one made later loads the view again, which redraws the list and closes an
 * open card. The page shows 'live' and starts that load in one task, so 'live' with data-ready '1' means none is due.
 */
export async function vacanciesLive(page) {
  await page.waitForFunction(() => document.getElementById('live-status')?.dataset.state === 'live'
    && document.body.dataset.ready === '1', null, { timeout: 30_000 });
}
