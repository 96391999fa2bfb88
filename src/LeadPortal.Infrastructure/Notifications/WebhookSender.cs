using System.Globalization;
using System.Net.Http.Headers;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>The edge where a webhook leaves LeadPortal: a non-success answer is a failure to retry.</summary>
public interface IWebhookSender
{
    Task SendAsync(Uri url, byte[] body, string signature, string eventType, long deliveryId, CancellationToken cancellationToken);
}

public sealed class HttpWebhookSender(HttpClient http) : IWebhookSender
{
    public const string SignatureHeader = "X-LeadPortal-Signature";
    public const string EventHeader = "X-LeadPortal-Event";
    public const string DeliveryHeader = "X-LeadPortal-Delivery";

    public async Task SendAsync(Uri url, byte[] body, string signature, string eventType, long deliveryId, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(SignatureHeader, signature);
        request.Headers.Add(EventHeader, eventType);
        request.Headers.Add(DeliveryHeader, deliveryId.ToString(CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
