namespace LeadPortal.Web;

/// <summary>
/// The portal's one resource set. Keys are the English texts; Resources/SharedResource.zh-TW.resx holds the
/// Traditional Chinese ones (a test fails when a text has none).
/// </summary>
public sealed class SharedResource;
