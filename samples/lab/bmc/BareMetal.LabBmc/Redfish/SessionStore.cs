using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace BareMetal.LabBmc.Redfish;

/// <summary>The one account and its sessions (DSP0266 §13.3.4): random tokens, sliding 30-minute timeout.</summary>
public sealed class SessionStore(string userName, string password)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, Session> _byId = new();
    private readonly byte[] _userName = Encoding.UTF8.GetBytes(userName);
    private readonly byte[] _password = Encoding.UTF8.GetBytes(password);

    public string UserName { get; } = userName;

    public sealed class Session(string id, string token, string userName)
    {
        public string Id { get; } = id;

        public string Token { get; } = token;

        public string UserName { get; } = userName;

        public DateTimeOffset LastUsed { get; set; } = DateTimeOffset.UtcNow;
    }

    public bool CheckPassword(string? user, string? password) =>
        user is not null && password is not null
        // Fixed-time comparisons: the answer's timing must not tell how much of a guess was right.
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user), _userName)
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _password);

    public Session Create()
    {
        var session = new Session(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), UserName);
        _byId[session.Id] = session;
        return session;
    }

    public Session? FindByToken(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        foreach (var session in _byId.Values)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(session.Token), bytes))
            {
                if (DateTimeOffset.UtcNow - session.LastUsed > Timeout)
                {
                    _byId.TryRemove(session.Id, out _);
                    return null;
                }

                session.LastUsed = DateTimeOffset.UtcNow;
                return session;
            }
        }

        return null;
    }

    public bool Delete(string id) => _byId.TryRemove(id, out _);

    public IEnumerable<Session> All => _byId.Values;
}
