using System.Buffers.Binary;
using System.Security.Cryptography;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests.Support;

/// <summary>Users of their own for the tests that change a password or two-factor sign-in, so no other test sees the change.</summary>
public static class AccountUsers
{
    /// <summary>A new ReferralsAdmin in Contoso, with the demo password; returns the address.</summary>
    public static async Task<string> CreateUserAsync(this PortalFactory factory, string name = "Tess Tester")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = $"user-{Guid.NewGuid():N}@contoso.test";
        using var scope = factory.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
        var contoso = await setup.EnsureOrganizationAsync("Contoso");
        var result = await setup.CreateUserAsync(contoso, email, name, DemoDataSeeder.Password, Roles.ReferralsAdmin);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return email;
    }

    /// <summary>A new platform operator, in no organization, with the demo password; returns the address.</summary>
    public static async Task<string> CreateOperatorAsync(this PortalFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = $"operator-{Guid.NewGuid():N}@leadportal.test";
        using var scope = factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<OrganizationSetup>().CreateOperatorAsync(email, "Otto Operator", DemoDataSeeder.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return email;
    }
}

/// <summary>
/// RFC 6238 codes, as an authenticator app computes them: HMAC-SHA1 over the 30-second step. Identity checks them
/// against the system clock (its authenticator provider takes no TimeProvider), so the tests use the real time too.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's HMAC-SHA1, which authenticator apps use: a test of the real thing.
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is not the current one, nor one of the steps around it that the check also accepts.</summary>
    public static string WrongCode(string base32Key)
    {
        var accepted = Enumerable.Range(-3, 7).Select(i => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    private static byte[] FromBase32(string key)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = key.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
