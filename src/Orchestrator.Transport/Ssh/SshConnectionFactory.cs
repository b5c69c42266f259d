using System.Globalization;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Transport;
using Orchestrator.Transport.KnownHosts;
using Orchestrator.Transport.Settings;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Orchestrator.Transport.Ssh;

/// <summary>
/// One connect attempt to a host: through each jump host in turn (a loopback <see cref="ForwardedPortLocal"/>
/// on the jump host's connection carries the next hop's TCP stream), verifying every host key on the way.
/// </summary>
internal sealed class SshConnectionFactory
{
    private readonly HostKeyVerifier _verifier;
    private readonly PrivateKeyCache _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SshConnectionFactory(HostKeyVerifier verifier, PrivateKeyCache keys, TimeProvider time, ILogger logger)
    {
        _verifier = verifier;
        _keys = keys;
        _time = time;
        _logger = logger;
    }

    /// <exception cref="HostUnreachableException">Authentication or host-key failure (never retried).</exception>
    /// <exception cref="SshConnectFailure">Any other failure; the retry policy decides whether it is transient.</exception>
    public async Task<SshSession> ConnectAsync(HostConnectionSettings settings, CancellationToken cancellationToken)
    {
        var endpoints = settings.Jumps.Append(settings.Target!).ToList();
        var chain = new List<(SshClient, ForwardedPortLocal?)>();
        var owned = new List<IDisposable>();
        var host = endpoints[0].Host;
        var port = endpoints[0].Port;
        string? forwardError = null;
        try
        {
            for (var i = 0; i < endpoints.Count; i++)
            {
                var endpoint = endpoints[i];
                var via = i == 0 ? null : endpoints[i - 1];
                var target = i == endpoints.Count - 1
                    ? endpoint.Address + (via is null ? string.Empty : $" through jump host {via.Host}")
                    : $"jump host {endpoint.Host} ({endpoint.Address})";
                SshClient client;
                try
                {
                    client = await ConnectEndpointAsync(settings, endpoint, host, port, owned, cancellationToken);
                }
                catch (SshConnectFailure) when (forwardError is not null)
                {
                    throw new SshConnectFailure(target, new SshConnectionException($"jump host {via!.Host} could not open a connection to {endpoint.Host}:{endpoint.Port}: {forwardError}"));
                }
                catch (SshConnectFailure failure)
                {
                    throw new SshConnectFailure(target, failure.InnerException!);
                }

                if (i == endpoints.Count - 1)
                {
                    chain.Add((client, null));
                    break;
                }

                var next = endpoints[i + 1];
                var forward = new ForwardedPortLocal("127.0.0.1", 0, next.Host, (uint)next.Port);
                forward.Exception += (_, e) => forwardError = e.Exception.Message;
                chain.Add((client, forward));
                client.AddForwardedPort(forward);
                forward.Start();
                host = "127.0.0.1";
                port = (int)forward.BoundPort;
            }

            return new SshSession(chain, owned);
        }
        catch
        {
            new SshSession(chain, owned).Dispose();
            throw;
        }
    }

    private async Task<SshClient> ConnectEndpointAsync(
        HostConnectionSettings settings, SshEndpoint endpoint, string connectHost, int connectPort, List<IDisposable> owned, CancellationToken cancellationToken)
    {
        var inventoryName = settings.InventoryName;
        var methods = new List<AuthenticationMethod>();
        var tried = new List<string>();
        string? passwordWithheld = null;
        if (endpoint.UsePublicKey)
        {
            List<IPrivateKeySource> keys;
            try
            {
                keys = _keys.Load(endpoint.Identities);
            }
            catch (KeyLoadException ex)
            {
                throw new HostUnreachableException(inventoryName, UnreachableReason.Authentication, $"{inventoryName}: {ex.Message}");
            }

            if (keys.Count > 0)
            {
                methods.Add(new PrivateKeyAuthenticationMethod(endpoint.User, [.. keys]));
                tried.Add($"publickey ({keys.Count} key{(keys.Count == 1 ? string.Empty : "s")})");
            }
        }

        if (endpoint.UsePassword && endpoint.Password is { } password)
        {
            var byPassword = new WithholdablePasswordMethod(endpoint.User, password.Reveal(), () => passwordWithheld is not null);
            var byKeyboard = new WithholdableKeyboardInteractiveMethod(endpoint.User, () => passwordWithheld is not null);
            byKeyboard.AuthenticationPrompt += (_, e) =>
            {
                // Answer password prompts only; an OTP or other question gets no answer.
                foreach (var prompt in e.Prompts.Where(p => p.Request.Contains("password", StringComparison.OrdinalIgnoreCase)))
                {
                    prompt.Response = password.Reveal();
                }
            };
            methods.Add(byPassword);
            methods.Add(byKeyboard);
            owned.Add(byPassword);
            owned.Add(byKeyboard);
            tried.Add("password");
        }

        foreach (var method in methods.OfType<PrivateKeyAuthenticationMethod>())
        {
            owned.Add(method);
        }

        if (methods.Count == 0)
        {
            var files = string.Join(", ", endpoint.Identities.Select(i => i.Path));
            throw new HostUnreachableException(inventoryName, UnreachableReason.Authentication,
                $"{inventoryName}: no credentials to log in to {endpoint.DisplayName} as {endpoint.User}: no usable private key (looked for {files}) and no ansible_password.");
        }

        var info = new ConnectionInfo(connectHost, connectPort, endpoint.User, [.. methods])
        {
            Timeout = settings.ConnectTimeout,
        };
        AlgorithmPolicy.Apply(info, _verifier.KnownKeyTypes(endpoint.HostKeys, endpoint.HostKeyHost, endpoint.Port), endpoint.KexAlgorithms);

        var client = new SshClient(info) { KeepAliveInterval = settings.KeepAliveInterval };
        string? hostKeyFailure = null;
        var hostKeyChecked = false;
        client.HostKeyReceived += (_, e) =>
        {
            hostKeyChecked = true;
            try
            {
                var verdict = _verifier.Verify(endpoint.HostKeys, endpoint.DisplayName, endpoint.HostKeyHost, endpoint.Port, e.HostKey);
                e.CanTrust = verdict.Trusted;
                hostKeyFailure = verdict.Failure;
                if (verdict.Contradiction is not null && endpoint.UsePassword && endpoint.Password is not null)
                {
                    // As OpenSSH: with checking off a changed key is let through, but never given a password.
                    passwordWithheld = verdict.Contradiction;
                    _logger.LogWarning(
                        "{Host}: the host key of {Endpoint} does not match known_hosts ({Contradiction}); host key checking is off, so keys are still tried, but the password is not sent to a host that may be an impostor.",
                        inventoryName, endpoint.DisplayName, verdict.Contradiction);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                e.CanTrust = false;
                hostKeyFailure = $"host key of {endpoint.DisplayName} could not be checked: {ex.Message}";
            }
        };

        using var timeout = new CancellationTokenSource(settings.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.ConnectAsync(linked.Token);
            if (!hostKeyChecked)
            {
                // Defence in depth: SSH.NET must have asked; if it did not, nothing was verified.
                throw new HostUnreachableException(inventoryName, UnreachableReason.HostKey, $"{inventoryName}: the host key of {endpoint.DisplayName} was not offered for verification.");
            }

            _logger.LogDebug("{Host}: connected to {Endpoint} ({Kex}, {Cipher})", inventoryName, endpoint.Address, info.CurrentKeyExchangeAlgorithm, info.CurrentServerEncryption);
            return client;
        }
        catch (Exception ex)
        {
            client.Dispose();
            if (hostKeyFailure is not null)
            {
                throw new HostUnreachableException(inventoryName, UnreachableReason.HostKey, $"{inventoryName}: {hostKeyFailure}", ex is HostUnreachableException ? null : ex);
            }

            if (ex is HostUnreachableException)
            {
                throw;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                throw new SshConnectFailure(endpoint.Address, new TimeoutException(
                    $"no SSH session within the connect timeout of {settings.ConnectTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"));
            }

            if (ex is SshAuthenticationException)
            {
                var withheld = passwordWithheld is null ? string.Empty : $" (the password was not sent: the host key does not match known_hosts: {passwordWithheld})";
                throw new HostUnreachableException(inventoryName, UnreachableReason.Authentication,
                    $"{inventoryName}: authentication to {endpoint.DisplayName} as {endpoint.User} failed (tried {string.Join(", ", tried)}): {ex.Message}{withheld}", ex);
            }

            throw new SshConnectFailure(endpoint.Address, ex);
        }
    }
}
