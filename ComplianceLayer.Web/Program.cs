using ComplianceLayer.Web.Components;
using ComplianceLayer.Web.Features;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Hosting;
using ComplianceLayer.Web.Infrastructure.Identity;
using ComplianceLayer.Web.Infrastructure.Tenancy;

var (command, hostArgs) = CommandLine.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddData();
builder.AddTenancy();
builder.AddAccounts();
builder.AddEmail();
builder.AddUserInterface();
builder.AddFeatures();

var app = builder.Build();

if (command is not null)
{
    return await CommandLine.RunAsync(app, command, hostArgs);
}

app.UseUserInterface();
app.MapUserInterface();
app.PrintUrlWhenStarted();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
