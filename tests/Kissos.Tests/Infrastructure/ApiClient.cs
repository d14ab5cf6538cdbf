using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kissos.Accounts;

namespace Kissos.Tests.Infrastructure;

/// <summary>An HTTP client as the page uses the API: cookie sign-in, then the antiforgery header on every change.</summary>
public sealed class ApiClient(HttpClient http)
{
    public const string Provider = "poskytovatel@demo.kissos.cz";
    public const string Municipality = "obec@demo.kissos.cz";
    public const string Regional = "kraj@demo.kissos.cz";
    public const string Admin = "admin@demo.kissos.cz";

    public HttpClient Http { get; } = http;

    public static async Task<ApiClient> CreateAsync(HttpClient http, string? email, string password = DemoAccounts.Password)
    {
        var client = new ApiClient(http);
        await client.RefreshTokenAsync();
        if (email is null) return client;
        using var login = await client.PostAsync("/api/account/login", new { email, password });
        Assert.True(login.IsSuccessStatusCode, $"login of {email}: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        await client.RefreshTokenAsync(); // the token is bound to the signed-in user
        return client;
    }

    public async Task RefreshTokenAsync()
    {
        var token = await Http.GetFromJsonAsync<JsonElement>("/api/account/antiforgery");
        Http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        Http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token.GetProperty("token").GetString());
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);
    public Task<HttpResponseMessage> PostAsync(string url, object body) => Http.PostAsJsonAsync(url, body);
    public Task<HttpResponseMessage> PutAsync(string url, object body) => Http.PutAsJsonAsync(url, body);
    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.DeleteAsync(url);

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }
}
