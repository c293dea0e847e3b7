using WebProxy.Host.Commands;

return await WebProxyCommandLine.InvokeAsync(args).ConfigureAwait(false);
