using System.Security.Cryptography;
using System.Text;
using Kissos.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kissos.Accounts;

/// <summary>
/// Sign-in tells nothing about which e-mails have accounts: an e-mail without an account gets exactly the work, the
/// answers and the limits of an existing one. Failed attempts of every e-mail, known or not, are counted in one
/// table (<c>accounts.sign_in_failure</c>, keyed by the SHA-256 of the normalised e-mail, so that an address typed by
/// mistake is not kept), with one committed upsert per failure; 429 comes at the MaxFailedAccessAttempts-th failure
/// and lasts DefaultLockoutTimeSpan (Identity's lockout options). An unknown e-mail's password is verified against a
/// dummy hash, so both do one hash verification. The table is shared by every app instance. Failed attempts are also
/// limited per client address, whatever the e-mail (in memory, per instance).
/// </summary>
public sealed class SignInGuard(IOptions<IdentityOptions> identity, TimeProvider clock) : IDisposable
{
    /// <summary>Failed sign-ins one client address may make per <see cref="AddressWindow"/> before it gets 429.</summary>
    public const int MaxFailuresPerAddress = 100;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(10);

    /// <summary>How long a failure is remembered; each failure also forgets a few rows older than this.</summary>
    public static readonly TimeSpan FailureMemory = TimeSpan.FromDays(1);

    // Bounded, so that a flood of requests from made-up addresses cannot fill the memory.
    private readonly MemoryCache _addresses = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly Lock _gate = new();
    private string? _dummyHash;

    private LockoutOptions Lockout => identity.Value.Lockout;

    /// <summary>True while the client address has used up its failed attempts.</summary>
    public bool AddressBlocked(string address)
    {
        lock (_gate)
            return _addresses.TryGetValue(address, out Counter? c) && c!.Failures >= MaxFailuresPerAddress;
    }

    public void AddressFailed(string address)
    {
        lock (_gate)
            if (!_addresses.TryGetValue(address, out Counter? c))
                _addresses.Set(address, new Counter { Failures = 1 },
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AddressWindow });
            else c!.Failures++;
    }

    private sealed class Counter
    {
        public int Failures;
    }

    /// <summary>True while the e-mail (with or without an account) is locked out after repeated failures.</summary>
    public async Task<bool> LockedOutAsync(KissosDb db, string email, CancellationToken cancel) =>
        await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT FROM accounts.sign_in_failure WHERE email_key = {Key(email)} AND locked_until > {clock.GetUtcNow()}) AS "Value"
            """).SingleAsync(cancel);

    /// <summary>
    /// Verifies a password of an e-mail without an account against a dummy hash: the work a real check does.
    /// </summary>
    public void VerifyDummy(string password, IPasswordHasher<User> hasher)
    {
        var user = new User();
        _dummyHash ??= hasher.HashPassword(user, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(user, _dummyHash, password);
    }

    /// <summary>
    /// Counts a failed attempt of the e-mail in one statement (safe with several instances); true when this failure
    /// locks the e-mail out. Also forgets up to 10 rows of failures older than <see cref="FailureMemory"/>.
    /// </summary>
    public async Task<bool> FailedAsync(KissosDb db, string email, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        var lockedUntil = now + Lockout.DefaultLockoutTimeSpan;
        return (await db.Database.SqlQuery<bool>($"""
            WITH forgotten AS (
                DELETE FROM accounts.sign_in_failure WHERE email_key IN (
                    SELECT email_key FROM accounts.sign_in_failure
                    WHERE last_failure < {now - FailureMemory} AND coalesce(locked_until, '-infinity') < {now} LIMIT 10))
            INSERT INTO accounts.sign_in_failure AS f (email_key, failures, last_failure)
            VALUES ({Key(email)}, 1, {now})
            ON CONFLICT (email_key) DO UPDATE SET
                failures = CASE WHEN f.failures + 1 >= {Lockout.MaxFailedAccessAttempts} THEN 0 ELSE f.failures + 1 END,
                locked_until = CASE WHEN f.failures + 1 >= {Lockout.MaxFailedAccessAttempts} THEN {lockedUntil} ELSE f.locked_until END,
                last_failure = {now}
            RETURNING f.failures = 0 AS "Value"
            """).ToListAsync(cancel)).Single(); // not composed: a data-modifying WITH cannot be a subquery
    }

    /// <summary>The e-mails locked out now, by <see cref="KeyOf"/>, with the end of their lockout (for the account list).</summary>
    public async Task<Dictionary<string, DateTimeOffset>> LockedOutNowAsync(KissosDb db, CancellationToken cancel) =>
        (await db.Database.SqlQuery<LockedOut>($"""
            SELECT email_key AS "Key", locked_until AS "Until" FROM accounts.sign_in_failure WHERE locked_until > {clock.GetUtcNow()}
            """).ToListAsync(cancel)).ToDictionary(l => Convert.ToHexString(l.Key), l => l.Until);

    private sealed record LockedOut(byte[] Key, DateTimeOffset Until);

    /// <summary>How an e-mail is keyed in the failure table, in hex.</summary>
    public static string KeyOf(string email) => Convert.ToHexString(Key(email));

    /// <summary>A successful sign-in forgets the e-mail's failures, as Identity resets an account's failure count.</summary>
    public async Task SucceededAsync(KissosDb db, string email, CancellationToken cancel) =>
        await db.Database.ExecuteSqlAsync($"DELETE FROM accounts.sign_in_failure WHERE email_key = {Key(email)}", cancel);

    private static byte[] Key(string email) => SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()));

    public void Dispose() => _addresses.Dispose();
}
