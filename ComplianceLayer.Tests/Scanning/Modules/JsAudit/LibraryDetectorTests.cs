using ComplianceLayer.Scanning.Modules.JsAudit;

namespace ComplianceLayer.Tests.Scanning.Modules.JsAudit;

public sealed class LibraryDetectorTests
{
    private static RetireRepository Repo => RetireRepository.Shipped;

    [Fact]
    public void FromUrl_JqueryFileName_FindsVersionWithoutMin()
        => Assert.Contains(new LibraryVersion("jquery", "1.8.3"), LibraryDetector.FromUrl(Repo, new Uri("https://shop.example.com/js/jquery-1.8.3.min.js")));

    [Fact]
    public void FromUrl_CdnPath_FindsVersion()
        => Assert.Contains(new LibraryVersion("jquery", "2.1.4"),
            LibraryDetector.FromUrl(Repo, new Uri("https://ajax.googleapis.com/ajax/libs/jquery/2.1.4/jquery.min.js")));

    [Fact]
    public void FromUrl_NoVersionInUrl_FindsNothing()
        => Assert.Empty(LibraryDetector.FromUrl(Repo, new Uri("https://shop.example.com/js/jquery.min.js?ver=1.8.3")));

    [Fact]
    public void FromUrl_JqueryMigrate_IsNotTakenForJquery()
        => Assert.DoesNotContain(LibraryDetector.FromUrl(Repo, new Uri("https://shop.example.com/js/jquery-migrate-1.2.1.min.js")), l => l.Name == "jquery");

    [Fact]
    public void FromContent_Banner_FindsVersion()
        => Assert.Contains(new LibraryVersion("jquery", "1.12.4"),
            LibraryDetector.FromContent(Repo, "/*! jQuery v1.12.4 | (c) jQuery Foundation | jquery.org/license */\r\n!function(a){}", complete: false));

    [Fact]
    public void FromContent_UnrelatedScript_FindsNothing()
        => Assert.Empty(LibraryDetector.FromContent(Repo, "console.log('hello 1.2.3');", complete: true));
}
