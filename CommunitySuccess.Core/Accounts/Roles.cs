namespace CommunitySuccess.Core.Accounts;

/// <summary>The three roles; every signed-in person has at least one.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Engineer = "Engineer";
    public const string Product = "Product";

    public static readonly IReadOnlyList<string> All = [Admin, Engineer, Product];

    /// <summary>Who may decide on the product review board.</summary>
    public const string ProductOrAdmin = Product + "," + Admin;
}
