namespace CommunitySuccess.Web.Accounts;

public static class ReturnUrls
{
    /// <summary>Only a local path: a sign-in link must never send someone to another site.</summary>
    public static string LocalOrHome(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl)
            || !Uri.TryCreate(returnUrl, UriKind.Relative, out _)
            || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            || returnUrl.StartsWith('\\')
            || returnUrl.Contains(':', StringComparison.Ordinal))
        {
            return "/";
        }

        return returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl;
    }
}
