// The reference host is composed in its own issue; until then it only starts the generic web host.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/healthz", () => "ok");
app.Run();
