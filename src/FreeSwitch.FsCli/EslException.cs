namespace FreeSwitch.FsCli;

internal sealed class EslException(string message, Exception? inner = null) : Exception(message, inner);
