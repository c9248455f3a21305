using System.Text;
using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Providers;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Auth.Tests.Login;

public sealed class LoginRequestReaderTests
{
    [Fact]
    public async Task ReadAsync_BasicHeader_TakesPrecedenceOverTheBody()
    {
        var input = await Read("""{"username":"body","password":"b"}""", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("header:pa:ss")));

        Assert.Equal(new LoginCredentials("header", "pa:ss"), input.Credentials);
    }

    [Fact]
    public async Task ReadAsync_JsonBodyWithNewPassword_ReadsAllThree()
    {
        var input = await Read("""{"username":"u","password":"p","newPassword":"n"}""");

        Assert.Equal(new LoginCredentials("u", "p", "n"), input.Credentials);
    }

    [Theory]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Basic dXNlcg==")]
    [InlineData("Basic OnBhc3N3b3Jk")]
    [InlineData("Basic dXNlcjo=")]
    public async Task ReadAsync_MalformedBasicHeader_IsMalformed(string header)
    {
        Assert.True((await Read("", header)).IsMalformed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"username":"u"}""")]
    [InlineData("""{"username":1,"password":"p"}""")]
    [InlineData("""{"username":"","password":"p"}""")]
    public async Task ReadAsync_BadBody_IsMalformed(string body)
    {
        Assert.True((await Read(body)).IsMalformed);
    }

    [Fact]
    public async Task ReadAsync_BodyOverTheLimit_IsMalformedWithoutReadingItAll()
    {
        var body = new CountingStream(1024 * 1024);
        var context = new DefaultHttpContext();
        context.Request.Body = body;

        var input = await LoginRequestReader.ReadAsync(context.Request, CancellationToken.None);

        Assert.True(input.IsMalformed);
        Assert.True(body.Position <= LoginRequestReader.MaxBodyBytes + 1);
    }

    [Fact]
    public async Task ReadAsync_NoHeaderNoBody_IsAbsent()
    {
        var input = await Read("");

        Assert.Same(LoginInput.Absent, input);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ReadAsync_JsonBodyNotSentAsJson_IsMalformed(string? contentType)
    {
        // What a cross-site <form enctype="text/plain"> can send: a JSON-looking body of another type.
        Assert.True((await Read("""{"username":"u","password":"p","x":"="}""", contentType: contentType)).IsMalformed);
    }

    [Fact]
    public async Task ReadAsync_JsonBodyAsVendorJsonWithCharset_IsRead()
    {
        var input = await Read("""{"username":"u","password":"p"}""", contentType: "application/vnd.zowe+json; charset=utf-8");

        Assert.Equal(new LoginCredentials("u", "p"), input.Credentials);
    }

    private static async Task<LoginInput> Read(string body, string? authorization = null, string? contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = contentType;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return await LoginRequestReader.ReadAsync(context.Request, CancellationToken.None);
    }

    /// <summary>An endless body of 'a's that records how far it was read.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
