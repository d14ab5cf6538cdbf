using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kissos.Accounts;

/// <summary>
/// Sign-in answers an e-mail without an account exactly as it answers a wrong password of an existing one: the same
/// password hashing work (a dummy hash is verified), the same 401, and the same lockout as Identity's (429 at the
/// MaxFailedAccessAttempts-th failure, for DefaultLockoutTimeSpan), counted here in memory because there is no
/// account row to hold it. Failed attempts are also limited per client address, whatever the e-mail.
/// </summary>
public sealed class SignInGuard(IOptions<IdentityOptions> identity, TimeProvider clock) : IDisposable
{
    /// <summary>Failed sign-ins one client address may make per <see cref="AddressWindow"/> before it gets 429.</summary>
    public const int MaxFailuresPerAddress = 100;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(10);

    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset? LockedUntil;
    }

    // Bounded, so that a flood of made-up e-mails cannot fill the memory; entries expire a day after the last failure.
    private readonly MemoryCache _counters = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly Lock _gate = new();
    private string? _dummyHash;

    private LockoutOptions Lockout => identity.Value.Lockout;

    /// <summary>True while the client address has used up its failed attempts.</summary>
    public bool AddressBlocked(string address)
    {
        lock (_gate)
            return _counters.TryGetValue("ip:" + address, out Counter? c) && c!.Failures >= MaxFailuresPerAddress;
    }

    public void AddressFailed(string address)
    {
        lock (_gate)
            if (!_counters.TryGetValue("ip:" + address, out Counter? c))
                _counters.Set("ip:" + address, new Counter { Failures = 1 },
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AddressWindow });
            else c!.Failures++;
    }

    /// <summary>True while an unknown e-mail is "locked out" as an account would be.</summary>
    public bool UnknownLockedOut(string email)
    {
        lock (_gate)
            return _counters.TryGetValue(Key(email), out Counter? c) && c!.LockedUntil > clock.GetUtcNow();
    }

    /// <summary>
    /// Verifies the password against a dummy hash (the work a real check does) and counts the failure;
    /// true when this failure locks the e-mail out, as Identity locks an account at its MaxFailedAccessAttempts-th.
    /// </summary>
    public bool UnknownFailed(string email, string password, IPasswordHasher<User> hasher)
    {
        var user = new User();
        _dummyHash ??= hasher.HashPassword(user, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(user, _dummyHash, password);
        lock (_gate)
        {
            var key = Key(email);
            if (!_counters.TryGetValue(key, out Counter? c))
                _counters.Set(key, c = new Counter(), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(1) });
            if (++c!.Failures < Lockout.MaxFailedAccessAttempts) return false;
            c.Failures = 0;
            c.LockedUntil = clock.GetUtcNow() + Lockout.DefaultLockoutTimeSpan;
            return true;
        }
    }

    private static string Key(string email) => "email:" + email.Trim().ToUpperInvariant();

    public void Dispose() => _counters.Dispose();
}
