using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LeadPortal.Web.Infrastructure;

/// <summary>English (en-US) and Traditional Chinese (zh-TW): chosen by the cookie the switcher sets, else by Accept-Language.</summary>
internal static class Localization
{
    // Read-only cultures: the middleware hands each request a read-only copy of the culture it chose, and copying a
    // writable one rebuilds its number and date formats on every request.
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("zh-TW")];

    public static IServiceCollection AddLeadPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");

        // Chinese text goes out as text, not as numeric character references; markup characters are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en-US");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        // Model binding messages ("'abc' is not a valid value") in the request's language.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, _) => l["'{0}' is not a valid value here.", value]);
            options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(_ => l["Enter a number."]);
            options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => l["'{0}' is not a valid value here.", value]);
            options.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["'{0}' is not a valid value here.", value]);
        });
        return services;
    }

    public static IApplicationBuilder UseLeadPortalLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(app.ApplicationServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
}
