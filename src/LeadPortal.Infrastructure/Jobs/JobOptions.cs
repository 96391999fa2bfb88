namespace LeadPortal.Infrastructure.Jobs;

/// <summary>Section "Jobs": whether this instance runs the Hangfire server, and the schedules (cron) of the recurring jobs.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Off in tests, which call the jobs directly; on a web farm every instance may run it (the jobs are safe to run twice).</summary>
    public bool RunServer { get; set; } = true;

    public string ExpiryCron { get; set; } = "*/5 * * * *";
    public string UrgencyCron { get; set; } = "*/5 * * * *";
    public string OutboxCron { get; set; } = "* * * * *";

    /// <summary>Leads per transaction in the expiry and reminder sweeps.</summary>
    public int BatchSize { get; set; } = 1000;
}
