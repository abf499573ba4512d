using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ComplianceLayer.Web.Features.Members;

/// <summary>
/// The secret in an invitation link. Only its SHA-256 is stored, so a database leak does not hand out
/// working invitations; 32 random bytes make guessing pointless, so no slow hash is needed.
/// </summary>
public static class InvitationToken
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
