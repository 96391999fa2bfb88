using System.Net;
using System.Net.Sockets;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>
/// Where a webhook may go: the public internet only. A partner types the address, so without this rule the outbox
/// would post, from inside the platform's network, to its loopback, its private ranges or a cloud metadata address.
/// Checked when a key is saved (<see cref="RefusalAsync"/>) and again when each delivery connects
/// (<see cref="ConnectToPublicAddressAsync"/>), so a name that resolves elsewhere later is refused too.
/// </summary>
public static class WebhookAddresses
{
    public enum Refusal
    {
        None,
        NotHttps,
        NotPublic,
    }

    /// <summary>Why the address may not receive webhooks, if it may not. http is allowed only when <paramref name="allowHttp"/> (Development).</summary>
    public static async Task<Refusal> RefusalAsync(Uri url, bool allowHttp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttps && !(allowHttp && url.Scheme == Uri.UriSchemeHttp))
        {
            return Refusal.NotHttps;
        }

        if (url.IsLoopback || url.HostNameType == UriHostNameType.Basic)
        {
            return Refusal.NotPublic;
        }

        var addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        return addresses.Any(a => !IsPublic(a)) ? Refusal.NotPublic : Refusal.None;
    }

    /// <summary>
    /// Whether an address is on the public internet: not loopback, unspecified, private (RFC 1918, unique local),
    /// link-local (which holds the cloud metadata address), carrier-grade NAT, benchmarking, multicast or broadcast.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] < 64 || b[1] > 127,
            169 => b[1] != 254,
            172 => b[1] < 16 || b[1] > 31,
            192 => b[1] != 168 && !(b[1] == 0 && b[2] == 0),
            198 => b[1] != 18 && b[1] != 19,
            >= 224 => false,
            _ => true,
        };
    }

    /// <summary>
    /// The webhook client's connect step: resolves the host and connects only to a public address of it, so that the
    /// address checked is the address used.
    /// </summary>
    public static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses.Length == 0 || addresses.Any(a => !IsPublic(a)))
        {
            throw new HttpRequestException($"The webhook host {context.DnsEndPoint.Host} does not resolve to a public address only; nothing was sent.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The host's addresses; none when the name does not resolve (a delivery then fails, a save is not refused for it).</summary>
    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
