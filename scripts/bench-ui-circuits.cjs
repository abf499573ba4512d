// Memory per connected Blazor circuit, for scripts/bench-ui.sh. Uses the playwright-core that Microsoft.Playwright ships
// in the test project's output, with Debian's chromium. Signs in, opens one warm-up circuit, reads the app's RSS, opens
// N tabs of the dashboard (one interactive circuit each), waits for them to settle, reads RSS again and prints the growth.
// Usage: node bench-ui-circuits.cjs PLAYWRIGHT_CORE_DIR BASE_URL EMAIL PASSWORD APP_PID [CIRCUITS=20] [PATH=/]
const fs = require('fs');
const [coreDir, baseUrl, email, password, pid, circuitsArg, path = '/'] = process.argv.slice(2);
const { chromium } = require(coreDir);
const circuits = Number(circuitsArg || 20);

function rssKb() {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'));
  return Number(line.replace(/[^0-9]/g, ''));
}
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function openInteractive(context) {
  const page = await context.newPage();
  await page.goto(baseUrl + path);
  await page.locator("#render-mode[data-interactive='true']").waitFor({ state: 'attached', timeout: 60000 });
  return page;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const login = await context.newPage();
    await login.goto(`${baseUrl}/Account/Login`);
    await login.fill("input[name='Input.Email']", email);
    await login.fill("input[name='Input.Password']", password);
    await login.click('button[type=submit]');
    await login.waitForURL(`${baseUrl}/`, { timeout: 60000 });
    await login.close();
    // Warm-up: the first circuit pays for JIT and caches; it is counted in "before".
    const warm = await openInteractive(context);
    await sleep(3000);
    const before = rssKb();
    const pages = [];
    for (let i = 0; i < circuits; i++) {
      pages.push(await openInteractive(context));
    }
    await sleep(5000);
    const after = rssKb();
    const perCircuitMb = (after - before) / circuits / 1024;
    console.log(`app RSS: ${(before / 1024).toFixed(1)} MB with 1 circuit, ${(after / 1024).toFixed(1)} MB with ${circuits + 1} circuits`);
    console.log(`memory per circuit: ${perCircuitMb.toFixed(2)} MB (${circuits} circuits, ${path})`);
    await Promise.all(pages.map(p => p.close()));
    await warm.close();
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
