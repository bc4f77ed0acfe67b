/**
 * The pages on a 360 px wide phone and at 200 % and 400 % browser zoom (a 1280 px window
 * then lays pages out in 640 and 320 CSS px): nothing may need sideways scrolling or be cut
 * off (WCAG 1.4.10 Reflow, 1.4.4 Resize text). With $SCREENSHOT_DIR set, screenshots go there, one
 * image pixel per CSS pixel: the layout as laid out, without encoding 4 or 16 times the pixels.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { hasChromium, launchChromium } from '../fixtures/chromium.js';
import { inviteTenant } from '../fixtures/invite.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';
import { screenshot } from '../fixtures/screenshot.js';

const SCREENS = [
  { name: '360px', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 },
  { name: 'zoom200', viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },
  { name: 'zoom400', viewport: { width: 320, height: 180 }, deviceScaleFactor: 4 },
] as const;

let stack: TestStack;
let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) throw new Error('Chromium is missing: apt-get install -y chromium (the CI script does this)');
  [stack, browser] = await Promise.all([startTestStack(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Elements that stick out of the viewport sideways, and whether the page scrolls sideways. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = Array.from(document.querySelectorAll('body *'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.left < -0.5 || box.right > width + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`);
    return { scrollsSideways: document.documentElement.scrollWidth > width, outside };
  });
}

/** The pages with the longest words and values, in Danish (the longer language). */
let invited = 0;
const PAGES: { name: string; open(page: Page): Promise<void> }[] = [
  {
    name: 'setup',
    open: async (page) =>
      void (await page.goto(await inviteTenant(stack, `small${++invited}`, 'Aktieselskabet Langtnavngivne Virksomhedsgruppe'))),
  },
  {
    name: 'setup-failed',
    async open(page) {
      await page.locator('#okta_org').fill(stack.idp.issuer);
      await page.locator('#client_id').fill('0oawrong000000000000');
      await page.locator('button[type="submit"]').click();
      await page.waitForSelector('li.fail');
    },
  },
  {
    name: 'login-error',
    async open(page) {
      await page.goto(`${stack.origin()}/auth/login`);
      await page.locator('form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
      await page.locator('#email').fill(`not-an-email-${'but-a-long-word-'.repeat(4)}`);
      await page.locator('button[type="submit"]').click();
      await page.waitForSelector('#email-error');
    },
  },
  {
    name: 'error',
    open: async (page) => void (await page.goto(`${stack.origin()}/auth/callback?code=x&state=${'A'.repeat(43)}`)),
  },
  {
    name: 'okta-sign-in',
    async open(page) {
      await page.goto(`${stack.origin()}/auth/login`);
      await page.locator('#email').fill(DEMO.user.email);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => url.origin === stack.idp.issuer);
    },
  },
  {
    name: 'dashboard',
    async open(page) {
      await page.locator('#password').fill(DEMO.user.password);
      await page.locator('#sign-in').click();
      await page.waitForURL(`${stack.origin()}/dashboard`);
    },
  },
];

describe.each(SCREENS)('on a $name screen', ({ name: screen, viewport, deviceScaleFactor }) => {
  it('no page scrolls sideways or cuts anything off', async () => {
    const context = await browser.newContext({ locale: 'da-DK', viewport, deviceScaleFactor });
    const page = await context.newPage();
    for (const { name, open } of PAGES) {
      await open(page);
      await screenshot(page, `${screen}-${name}`, { fullPage: true, scale: 'css' });
      expect({ page: name, ...(await overflow(page)) }).toEqual({ page: name, scrollsSideways: false, outside: [] });
    }
    await context.close();
  });
});
