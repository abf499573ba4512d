using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>
/// The real app on a loopback Kestrel port with a fresh database, and headless Debian Chromium driven by
/// Playwright. One per test class; each test opens its own browser context.
/// </summary>
public class BrowserAppFixture : WebAppFixture
{
    /// <summary>The scanner's DNS in browser tests: names resolve only here (to loopback addresses).</summary>
    public ComplianceLayer.Tests.Scanning.Net.LoopbackDnsServer Dns { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        LoopbackScannerSettings.For(Dns, ("Quartz:MaxConcurrency", "2"));

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>http://localhost:PORT — localhost, not 127.0.0.1: WebAuthn scripts reject IP origins.</summary>
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    protected override void BeforeStart(AppFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        Dns.Dispose();
    }

    /// <summary>Signs a user in through the real login form and waits for the interactive dashboard.</summary>
    public async Task<IPage> SignInAsync(TestMember member)
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/Account/Login?ReturnUrl=%2F");
        await page.FillAsync("input[name='Input.Email']", member.Email);
        await page.FillAsync("input[name='Input.Password']", "Test-Password-123!");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{BaseUrl}/");
        await WaitForInteractiveAsync(page);
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Waits until the page's Blazor circuit is interactive, so that clicks are not lost to prerendering.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#render-mode[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts("screenshots"), name + ".png"), FullPage = true });
}
