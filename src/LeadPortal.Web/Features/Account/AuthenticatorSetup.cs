using System.Text;
using QRCoder;

namespace LeadPortal.Web.Features.Account;

/// <summary>What an authenticator app needs to add the account: the shared key, typed by hand or read from a QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string FormattedKey, string Uri, string QrCodeDataUri)
{
    private const string Issuer = "LeadPortal";

    public static AuthenticatorSetup For(string email, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var uri = $"otpauth://totp/{Issuer}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={Issuer}&digits=6";
        return new AuthenticatorSetup(key, Format(key), uri, QrCode(uri));
    }

    /// <summary>The key in groups of four lowercase characters, easier to read and type.</summary>
    public static string Format(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return formatted.ToString().TrimEnd().ToLowerInvariant();
    }

    // An image, not inline markup: the page's policy allows data: images, and what styles the SVG uses stay inside it.
    private static string QrCode(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
