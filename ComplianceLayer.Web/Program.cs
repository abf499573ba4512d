using ComplianceLayer.Web.Components;
using ComplianceLayer.Web.Features;
using ComplianceLayer.Web.Features.Api;
using ComplianceLayer.Web.Features.Webhooks;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Hosting;
using ComplianceLayer.Web.Infrastructure.Identity;
using ComplianceLayer.Web.Infrastructure.Scheduling;
using ComplianceLayer.Web.Infrastructure.Tenancy;

if (args.Length > 0 && args[0] == ScanCommand.Verb)
{
    // Runs the scan engine alone: no database, no web host.
    return await ScanCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == BenchCommand.Verb)
{
    return await BenchCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var (command, hostArgs) = CommandLine.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddProxySupport();
builder.AddData();
builder.AddTenancy();
builder.AddAccounts();
builder.AddEmail();
builder.AddUserInterface();
builder.AddFeatures();
builder.AddApi();
builder.AddWebhooks();
builder.AddScheduling();

var app = builder.Build();

if (command is not null)
{
    return await CommandLine.RunAsync(app, command, hostArgs);
}

app.UseProxySupport();
app.UseUserInterface();
app.MapUserInterface();
app.PrintUrlWhenStarted();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
