using System.Text;
using ComplianceLayer.Domain.Domains;

namespace ComplianceLayer.Tests.Domain;

public sealed class DomainListParserTests
{
    private const string TwoColumnsError = "Expected two columns: client,domain";

    [Fact]
    public void Parse_PlainList_ReturnsOneNormalisedResultPerLine()
    {
        var lines = DomainListParser.Parse("example.com\nWWW.Example.org.\nbücher.de", withClientColumn: false);

        Assert.Equal([1, 2, 3], lines.Select(l => l.LineNumber));
        Assert.Equal(["example.com", "www.example.org", "xn--bcher-kva.de"], lines.Select(l => l.Name?.Ascii));
        Assert.All(lines, l => Assert.Null(l.ClientName));
        Assert.All(lines, l => Assert.True(l.IsValid));
    }

    [Theory]
    [InlineData("\n# monitored\nexample.com\r\n\r\n  \t\nexample.org", new[] { 3, 6 })]
    [InlineData("example.com\r\rexample.org\r", new[] { 1, 3 })]
    [InlineData("   # indented comment\nexample.com", new[] { 2 })]
    public void Parse_BlankAndCommentLines_AreSkippedAndNumbersArePhysicalLines(string text, int[] lineNumbers)
    {
        var lines = DomainListParser.Parse(text, withClientColumn: false);

        Assert.Equal(lineNumbers, lines.Select(l => l.LineNumber));
    }

    [Theory]
    [InlineData("Acme,acme.com", "Acme", "acme.com")]
    [InlineData("  Acme Ltd ,  www.acme.com  ", "Acme Ltd", "www.acme.com")]
    [InlineData("\"Smith, Jones & Co\",smith.co.uk", "Smith, Jones & Co", "smith.co.uk")]
    [InlineData("\"The \"\"Best\"\" Shop\",best.com", "The \"Best\" Shop", "best.com")]
    [InlineData("\"Acme\",\"ACME.com\"", "Acme", "acme.com")]
    [InlineData("Acme,acme.com,", "Acme", "acme.com")]
    public void Parse_CsvLine_ReturnsClientAndDomain(string line, string client, string domain)
    {
        var result = Assert.Single(DomainListParser.Parse(line, withClientColumn: true));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(client, result.ClientName);
        Assert.Equal(domain, result.Name!.Ascii);
        Assert.Equal(line.Trim(), result.Raw);
    }

    [Theory]
    [InlineData("client,domain")]
    [InlineData("Client,Domain")]
    [InlineData("CLIENT , DOMAIN")]
    [InlineData("\"client\",\"domain\"")]
    public void Parse_HeaderLine_IsSkipped(string header)
    {
        var result = Assert.Single(DomainListParser.Parse(header + "\nAcme,acme.com", withClientColumn: true));

        Assert.Equal(2, result.LineNumber);
        Assert.Equal("Acme", result.ClientName);
    }

    [Fact]
    public void Parse_HeaderLineInPastedList_IsSkipped()
    {
        var result = Assert.Single(DomainListParser.Parse("# export\nClient,Domain\nacme.com", withClientColumn: false));

        Assert.Equal(3, result.LineNumber);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("acme.com", TwoColumnsError)]
    [InlineData("Acme,acme.com,extra", TwoColumnsError)]
    [InlineData(",acme.com", "The client name is empty")]
    [InlineData("\"\",acme.com", "The client name is empty")]
    [InlineData("\"Acme,acme.com", "not closed")]
    [InlineData("\"Acme\" Ltd,acme.com", "after a closing double quote")]
    [InlineData("Acme,", "Enter a domain name")]
    [InlineData("Acme,localhost", "does not end in a public suffix")]
    public void Parse_BadCsvLine_ReturnsErrorForThatLine(string line, string expectedFragment)
    {
        var lines = DomainListParser.Parse("Good,good.com\n" + line, withClientColumn: true);

        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].IsValid);
        Assert.False(lines[1].IsValid);
        Assert.Null(lines[1].Name);
        Assert.Equal(2, lines[1].LineNumber);
        Assert.Contains(expectedFragment, lines[1].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com\nExample.com.", 2, "Duplicate of line 1")]
    [InlineData("example.com\n\n# again\nEXAMPLE.COM", 4, "Duplicate of line 1")]
    [InlineData("other.com\nbücher.de\nxn--bcher-kva.de", 3, "Duplicate of line 2")]
    public void Parse_DuplicateAfterNormalisation_RejectsSecondOccurrence(string text, int duplicateLine, string error)
    {
        var lines = DomainListParser.Parse(text, withClientColumn: false);

        var duplicate = lines[^1];
        Assert.Equal(duplicateLine, duplicate.LineNumber);
        Assert.Equal(error, duplicate.Error);
        Assert.False(duplicate.IsValid);
        Assert.All(lines.SkipLast(1), l => Assert.True(l.IsValid));
    }

    [Fact]
    public void Parse_DuplicateAcrossClients_RejectsSecondOccurrence()
    {
        var lines = DomainListParser.Parse("Acme,acme.com\nOther,ACME.COM", withClientColumn: true);

        Assert.True(lines[0].IsValid);
        Assert.Equal("Duplicate of line 1", lines[1].Error);
        Assert.Equal("Other", lines[1].ClientName);
    }

    [Fact]
    public void Parse_UrlLine_CarriesErrorAndSuggestion()
    {
        var result = Assert.Single(DomainListParser.Parse("https://www.example.com/path", withClientColumn: false));

        Assert.Equal("Enter the host name only, not a URL.", result.Error);
        Assert.Equal("www.example.com", result.Suggestion);
    }

    [Fact]
    public void Parse_ByteOrderMarkBeforeHeader_IsIgnored()
    {
        var result = Assert.Single(DomainListParser.Parse("\uFEFFclient,domain\r\nAcme,acme.com\r\n", withClientColumn: true));

        Assert.Equal("acme.com", result.Name?.Ascii);
    }

    [Fact]
    public void Parse_ExactlyMaxLinesPlusSkippedLines_ReturnsAllLines()
    {
        var text = "client,domain\n# comment\n\n" + ClientLines(DomainListParser.MaxLines);

        var lines = DomainListParser.Parse(text, withClientColumn: true);

        Assert.Equal(DomainListParser.MaxLines, lines.Count);
        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
    }

    [Fact]
    public void Parse_MoreThanMaxLines_ThrowsArgumentException()
    {
        var text = ClientLines(DomainListParser.MaxLines + 1);

        var exception = Assert.Throws<ArgumentException>(() => DomainListParser.Parse(text, withClientColumn: true));

        Assert.Contains(DomainListParser.MaxLines.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
    }

    private static string ClientLines(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("Client ").Append(i % 7).Append(",host").Append(i).Append(".example.com\n");
        }
        return text.ToString();
    }
}
