using Microsoft.AspNetCore.Identity;

namespace CommunitySuccess.Core.Accounts;

/// <summary>A sign-in account. The team member with the same email is "me" for this account.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in and its sessions end at the next validation.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
