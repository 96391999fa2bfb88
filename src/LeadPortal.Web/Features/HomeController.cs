using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => Redirect("/leads/marketplace");
}
