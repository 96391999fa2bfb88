using FluentValidation;
using LeadPortal.Core;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LeadPortal.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>Runs the form's validator and copies its errors into ModelState; binding errors already there count too.</summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T form, ModelStateDictionary modelState, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(modelState);
        var result = await validator.ValidateAsync(form);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            if (modelState[key]?.Errors.Count is null or 0)
            {
                modelState.AddModelError(key, error.ErrorMessage);
            }
        }

        return modelState.IsValid;
    }

    /// <summary>A broken domain rule next to its field (under the form's prefix), or for the whole form without a field.</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, string? field, string message, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        var key = string.IsNullOrEmpty(field) ? string.Empty : string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
        modelState.AddModelError(key, message);
    }
}
