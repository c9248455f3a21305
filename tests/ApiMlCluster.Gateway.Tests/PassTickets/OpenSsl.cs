using System.Diagnostics;

namespace ApiMlCluster.Gateway.Tests.PassTickets;

/// <summary>
/// The openssl command line as a cryptographic implementation independent of .NET's, so that expected values
/// of single algorithm steps do not come from the code under test. Single DES lives in OpenSSL 3's legacy
/// provider, hence the provider options.
/// </summary>
internal static class OpenSsl
{
    public static byte[] DesEcbEncrypt(string keyHex, byte[] block) =>
        Run(["enc", "-des-ecb", "-nopad", "-K", keyHex, "-provider", "legacy", "-provider", "default"], block);

    public static byte[] HmacSha512(string keyHex, byte[] data) =>
        Run(["dgst", "-sha512", "-mac", "HMAC", "-macopt", $"hexkey:{keyHex}", "-binary"], data);

    private static byte[] Run(string[] arguments, byte[] input)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openssl {arguments[0]} failed: {error}");
        return output.ToArray();
    }
}
