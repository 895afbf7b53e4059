using System.Net.Http.Headers;

namespace SolarHub.Bench;

/// <summary>A node's adapter-control endpoint, asked as an operator would (with the API token).</summary>
public static class AdapterRequests
{
    /// <summary><c>POST /api/banks/{bank}/adapters/{adapter}/disable</c>: null when stored, else the answer or the failure, as a row notes it.</summary>
    public static async Task<string?> DisableAsync(HttpClient http, Uri node, string apiToken, string bankId, string adapterId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(node, $"/api/banks/{Uri.EscapeDataString(bankId)}/adapters/{Uri.EscapeDataString(adapterId)}/disable"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        try
        {
            using var answer = await http.SendAsync(request, ct);
            return answer.IsSuccessStatusCode ? null : $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            ct.ThrowIfCancellationRequested();
            return e.Message;
        }
    }
}
