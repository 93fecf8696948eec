namespace CommunitySuccess.Core.Accounts;

/// <summary>Sign-in rules shared by Identity's configuration, the setup page and the validators.</summary>
public static class AccountRules
{
    public const int MinimumPasswordLength = 8;
    public const int MaxFailedAccessAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
