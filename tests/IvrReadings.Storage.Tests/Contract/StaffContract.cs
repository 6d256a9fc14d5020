using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    private AuditEntry Did(string action, string target) => new(Clock.GetUtcNow(), "admin", action, target, null, "127.0.0.1");

    [StoreFact]
    public async Task Staff_users_are_created_read_changed_field_by_field_and_deleted()
    {
        var created = Clock.GetUtcNow();
        var user = new StaffUser("ivanova", StaffRole.Operator, "pbkdf2$100000$salt$hash", 0, null, created, SecurityStamp: "s1");
        Assert.True(await Staff.CreateAsync(user, Did(AuditActions.StaffAdded, "ivanova"), default));
        Assert.False(await Staff.CreateAsync(user with { Login = "IVANOVA" }, null, default));
        Assert.Equal(user, await Staff.GetAsync("Ivanova", default));

        Assert.True(await Staff.SetRoleAsync("ivanova", StaffRole.Supervisor, Did(AuditActions.RoleChanged, "ivanova"), default));
        var promoted = (await Staff.GetAsync("ivanova", default))!;
        Assert.Equal((StaffRole.Supervisor, user.PasswordHash), (promoted.Role, promoted.PasswordHash));
        Assert.NotEqual("s1", promoted.SecurityStamp);

        Assert.True(await Staff.SetPasswordAsync("ivanova", "new-hash", null, default));
        var reset = (await Staff.GetAsync("ivanova", default))!;
        Assert.Equal(("new-hash", StaffRole.Supervisor), (reset.PasswordHash, reset.Role));
        Assert.NotEqual(promoted.SecurityStamp, reset.SecurityStamp);

        Assert.True(await Staff.RenewSecurityStampAsync("ivanova", null, default));
        Assert.NotEqual(reset.SecurityStamp, (await Staff.GetAsync("ivanova", default))!.SecurityStamp);
        Assert.False(await Staff.SetRoleAsync("ghost", StaffRole.Operator, Did(AuditActions.RoleChanged, "ghost"), default));

        await Staff.CreateAsync(new StaffUser("admin", StaffRole.Supervisor, "h", 0, null, created), null, default);
        Assert.NotEqual(string.Empty, (await Staff.GetAsync("admin", default))!.SecurityStamp); // a stamp even when none was given
        Assert.Equal(["admin", "ivanova"], (await Staff.ListAsync(default)).Select(u => u.Login));
        Assert.Equal(2, await Staff.CountAsync(default));
        Assert.True(await Staff.DeleteAsync("IVANOVA", default));
        Assert.False(await Staff.DeleteAsync("ivanova", default));
        Assert.Null(await Staff.GetAsync("ivanova", default));

        // Only the changes that happened were audited (not the one for the unknown login).
        var audit = await Audit.ListAsync(new AuditFilter(Actor: "admin"), default);
        Assert.Equal([AuditActions.RoleChanged, AuditActions.StaffAdded], audit.Entries.Select(e => e.Entry.Action));
    }

    [StoreFact]
    public async Task Failed_sign_ins_count_up_lock_at_the_threshold_and_touch_nothing_else()
    {
        var now = Clock.GetUtcNow();
        await Staff.CreateAsync(new StaffUser("petrov", StaffRole.Supervisor, "hash", 0, null, now, SecurityStamp: "s"), null, default);
        var until = now.AddMinutes(15);
        for (var i = 1; i <= 2; i++)
        {
            var counted = await Staff.RecordFailedSignInAsync("petrov", 3, until, null, default);
            Assert.Equal((i, (DateTimeOffset?)null), (counted!.FailedAttempts, counted.LockedUntil));
        }

        var locked = await Staff.RecordFailedSignInAsync("petrov", 3, until, Did(AuditActions.SignInFailed, "petrov"), default);
        Assert.Equal((0, until, StaffRole.Supervisor, "hash", "s"), (locked!.FailedAttempts, locked.LockedUntil!.Value, locked.Role, locked.PasswordHash, locked.SecurityStamp));
        Assert.Equal([AuditActions.SignInFailed, AuditActions.LockedOut],
            (await Audit.ListAsync(new AuditFilter(Target: "petrov"), default)).Entries.Select(e => e.Entry.Action).Order());

        await Staff.ClearFailedSignInsAsync("petrov", default);
        Assert.Equal((0, (DateTimeOffset?)null), ((await Staff.GetAsync("petrov", default))!.FailedAttempts, (await Staff.GetAsync("petrov", default))!.LockedUntil));
        Assert.Null(await Staff.RecordFailedSignInAsync("nobody", 3, until, Did(AuditActions.SignInFailed, "nobody"), default));
        Assert.Single((await Audit.ListAsync(new AuditFilter(Target: "nobody"), default)).Entries); // audited all the same
    }

    [StoreFact]
    public async Task A_disable_sticks_during_a_burst_of_wrong_passwords()
    {
        var now = Clock.GetUtcNow();
        await Staff.CreateAsync(new StaffUser("target", StaffRole.Supervisor, "hash", 0, null, now), null, default);
        var burst = Enumerable.Range(0, 60).Select(_ => Task.Run(() => Staff.RecordFailedSignInAsync("target", 1000, now.AddMinutes(15), null, default))).ToList();
        var changes = Task.Run(async () =>
        {
            await Task.Delay(5);
            await Staff.SetRoleAsync("target", StaffRole.Operator, null, default);
            await Staff.SetPasswordAsync("target", "reset-hash", null, default);
            return await Staff.SetDisabledAsync("target", true, Did(AuditActions.StaffDisabled, "target"), default);
        });
        await Task.WhenAll(burst);
        Assert.True(await changes);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Staff.RecordFailedSignInAsync("target", 1000, now.AddMinutes(15), null, default))));

        var after = (await Staff.GetAsync("target", default))!;
        Assert.Equal((true, StaffRole.Operator, "reset-hash", 0), (after.Disabled, after.Role, after.PasswordHash, after.FailedAttempts));
        Assert.True(await Staff.SetDisabledAsync("target", false, null, default));
        Assert.False((await Staff.GetAsync("target", default))!.Disabled);
    }

    [StoreFact]
    public async Task The_audit_log_lists_newest_first_filtered_and_paged_with_outside_text_bounded()
    {
        var start = Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await Audit.AppendAsync(new AuditEntry(start.AddMinutes(i), i % 2 == 0 ? "ivanova" : "petrov", AuditActions.SignIn, "t" + i), default);
        }

        await Audit.AppendAsync(new AuditEntry(start.AddMinutes(9), null, AuditActions.SignInFailed, new string('x', 5000), new string('y', 50_000)), default);
        var all = await Audit.ListAsync(new AuditFilter(), default);
        Assert.Equal(6, all.Total);
        Assert.Equal(AuditActions.SignInFailed, all.Entries[0].Entry.Action);
        Assert.True(all.Entries[0].Entry.Target!.Length <= 201 && all.Entries[0].Entry.Detail!.Length <= 2001);
        Assert.Equal(["t4", "t2", "t0"], (await Audit.ListAsync(new AuditFilter(Actor: "ivanova"), default)).Entries.Select(e => e.Entry.Target));
        Assert.Equal(["t3", "t2"], (await Audit.ListAsync(new AuditFilter(From: start.AddMinutes(2), To: start.AddMinutes(4)), default)).Entries.Select(e => e.Entry.Target));
        var page = await Audit.ListAsync(new AuditFilter(Action: AuditActions.SignIn, Skip: 1, Take: 2), default);
        Assert.Equal(5, page.Total);
        Assert.Equal(["t3", "t2"], page.Entries.Select(e => e.Entry.Target));
    }

    [StoreFact]
    public async Task Data_protection_keys_are_kept_and_a_name_is_stored_once()
    {
        Assert.Empty(await Keys.AllAsync(default));
        await Keys.AddAsync("key-1", "<key id=\"1\"/>", Clock.GetUtcNow(), default);
        await Keys.AddAsync("key-1", "<key id=\"other\"/>", Clock.GetUtcNow(), default);
        await Keys.AddAsync("key-2", "<key id=\"2\"/>", Clock.GetUtcNow().AddSeconds(1), default);
        await RestartAsync();
        Assert.Equal(["<key id=\"1\"/>", "<key id=\"2\"/>"], await Keys.AllAsync(default));
    }

    [StoreFact]
    public async Task Caller_numbers_are_stored_bounded_and_searched_by_any_part()
    {
        await StartCallAsync("n1", caller: "+7 (900) 111-22-33");
        await StartCallAsync("n2", caller: new string('9', 3000));
        await StartCallAsync("n3", caller: "Anonymous");
        await StartCallAsync("n4", caller: "89001112299");
        Assert.Equal("+79001112233", (await Calls.GetAsync("n1", default))!.CallerNumber);
        Assert.Null((await Calls.GetAsync("n2", default))!.CallerNumber);
        Assert.Null((await Calls.GetAsync("n3", default))!.CallerNumber);
        Assert.Equal(["n4", "n1"], (await Calls.ListAsync(new CallFilter(CallerNumber: "900111"), default)).Calls.Select(c => c.CallId).Order().Reverse());
        Assert.Equal(["n1"], (await Calls.ListAsync(new CallFilter(CallerNumber: "+7900"), default)).Calls.Select(c => c.CallId));
        Assert.Equal(["n4"], (await Calls.ListAsync(new CallFilter(CallerNumber: "2299"), default)).Calls.Select(c => c.CallId));
        Assert.Empty((await Calls.ListAsync(new CallFilter(CallerNumber: "abc"), default)).Calls);
    }
}
