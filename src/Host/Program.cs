using PlanLink.Host;

return await PlanLinkCli.RunAsync(args);
