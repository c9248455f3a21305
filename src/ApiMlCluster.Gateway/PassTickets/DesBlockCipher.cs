using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ApiMlCluster.Gateway.PassTickets;

/// <summary>
/// DES encryption of single 8-byte blocks (ECB, no padding) under one secured sign-on key, safe to share across
/// threads. A transform is reusable for ECB because no state carries from one block to the next; pooling them
/// avoids creating a native cipher context for every block, which the one-shot DES.EncryptEcb does.
/// </summary>
internal sealed class DesBlockCipher : IDisposable
{
    public const int BlockSize = 8;

    private readonly DES des;
    private readonly ConcurrentBag<ICryptoTransform> encryptors = [];

    [ThreadStatic]
    private static byte[]? input;

    [ThreadStatic]
    private static byte[]? output;

    public DesBlockCipher(ReadOnlySpan<byte> key)
    {
        des = DES.Create();
        des.Mode = CipherMode.ECB;
        des.Padding = PaddingMode.None;
        var keyCopy = key.ToArray();
        try
        {
            des.Key = keyCopy;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
        }
    }

    public void Encrypt(ReadOnlySpan<byte> block, Span<byte> destination)
    {
        var inputBlock = input ??= new byte[BlockSize];
        var outputBlock = output ??= new byte[BlockSize];
        block[..BlockSize].CopyTo(inputBlock);
        if (!encryptors.TryTake(out var encryptor))
        {
            // The DES object's members are not documented as thread-safe; creating transforms is rare.
            lock (des)
            {
                encryptor = des.CreateEncryptor();
            }
        }

        try
        {
            encryptor.TransformBlock(inputBlock, 0, BlockSize, outputBlock, 0);
        }
        finally
        {
            encryptors.Add(encryptor);
        }

        outputBlock.CopyTo(destination);
        CryptographicOperations.ZeroMemory(inputBlock);
        CryptographicOperations.ZeroMemory(outputBlock);
    }

    public void Dispose()
    {
        while (encryptors.TryTake(out var encryptor))
        {
            encryptor.Dispose();
        }

        des.Dispose();
    }

    public override string ToString() => "DesBlockCipher { Key = *** }";
}
