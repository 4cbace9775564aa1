//! A minimal HTTP/1.1 client over one kept-alive loopback connection: the benchmark needs
//! only `POST` with a JSON body and a status line back, and doing it by hand keeps the client's
//! own cost small and visible, and adds no dependency.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};

use anyhow::{Context, bail};

/// One connection to the endpoint.
pub struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    host: String,
}

/// A response: its status, body, and `Retry-After` (seconds) when it has one.
pub struct Response {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<u64>,
}

impl Client {
    /// Connects to `addr` (`127.0.0.1:port`).
    pub fn connect(addr: &str) -> anyhow::Result<Client> {
        let stream = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
        Self::over(stream, addr)
    }

    /// Connects to `addr` from the loopback address `source` (any of 127.0.0.0/8 is this
    /// machine), so that the endpoint sees each simulated phone at an address of its own, as
    /// its per-address rate limit would in the field. `runtime` makes the connection: the
    /// standard library cannot choose a connection's source address.
    pub fn connect_from(
        addr: &str,
        source: IpAddr,
        runtime: &tokio::runtime::Handle,
    ) -> anyhow::Result<Client> {
        let target: SocketAddr = addr.parse()?;
        let stream = runtime
            .block_on(async {
                let socket = tokio::net::TcpSocket::new_v4()?;
                socket.bind(SocketAddr::new(source, 0))?;
                socket.connect(target).await?.into_std()
            })
            .with_context(|| format!("connecting to {addr} from {source}"))?;
        stream.set_nonblocking(false)?;
        Self::over(stream, addr)
    }

    fn over(stream: TcpStream, addr: &str) -> anyhow::Result<Client> {
        // Small requests must not wait for Nagle's algorithm.
        stream.set_nodelay(true)?;
        Ok(Client {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
            host: addr.to_owned(),
        })
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> anyhow::Result<Response> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if let Some(token) = token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        let body = body.unwrap_or_default();
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        self.writer.write_all(head.as_bytes())?;
        self.writer.write_all(body.as_bytes())?;
        self.writer.flush()?;
        self.read_response()
    }

    fn read_response(&mut self) -> anyhow::Result<Response> {
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("not an HTTP status line: {line:?}"))?;
        let mut length = None;
        let mut chunked = false;
        let mut retry_after = None;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = Some(value.parse::<usize>()?);
                } else if name.eq_ignore_ascii_case("transfer-encoding")
                    && value.eq_ignore_ascii_case("chunked")
                {
                    chunked = true;
                } else if name.eq_ignore_ascii_case("retry-after") {
                    retry_after = value.parse().ok();
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim(), 16)?;
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk)?;
                body.extend_from_slice(&chunk[..size]);
                if size == 0 {
                    break;
                }
            }
        } else if let Some(length) = length {
            body.resize(length, 0);
            self.reader.read_exact(&mut body)?;
        } else {
            bail!("a response with neither Content-Length nor chunked encoding");
        }
        Ok(Response {
            status,
            body: String::from_utf8(body)?,
            retry_after,
        })
    }
}
