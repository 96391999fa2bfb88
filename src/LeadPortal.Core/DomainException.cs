namespace LeadPortal.Core;

/// <summary>
/// A request that breaks a business rule; nothing has changed. <see cref="Field"/> names the input at fault,
/// when there is one, so a form can show the message next to it.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
