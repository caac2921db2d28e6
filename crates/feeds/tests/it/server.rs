//! A tiny HTTP/1.1 server on 127.0.0.1:0 answering each path with one kind of feed,
//! good or hostile.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{ATOM, JSON, LAUGHS, MALFORMED, SCRIPT};

/// The streamed body the size cap must stop: 50 MB.
pub const BIG: usize = 50 * 1024 * 1024;

pub struct Server {
    pub addr: SocketAddr,
    /// Bytes of the 50 MB body the server managed to send before the client hung up.
    pub big_sent: Arc<AtomicUsize>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

pub async fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let big_sent = Arc::new(AtomicUsize::new(0));
    let sent = big_sent.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer(stream, sent.clone()));
        }
    });
    Server { addr, big_sent }
}

async fn answer(mut stream: TcpStream, big_sent: Arc<AtomicUsize>) {
    let path = request_path(&mut stream).await;
    let atom = "application/atom+xml";
    match path.as_str() {
        // Served as text/html on purpose: the format is decided by content.
        "/atom" => respond(&mut stream, "200 OK", "text/html", ATOM).await,
        "/json" => respond(&mut stream, "200 OK", "application/feed+json", JSON).await,
        "/script" => respond(&mut stream, "200 OK", atom, SCRIPT).await,
        "/laughs" => respond(&mut stream, "200 OK", atom, LAUGHS).await,
        "/malformed" => respond(&mut stream, "200 OK", atom, MALFORMED).await,
        "/page" => {
            respond(
                &mut stream,
                "200 OK",
                "text/html",
                "<!DOCTYPE html><html></html>",
            )
            .await
        }
        "/error" => {
            respond(
                &mut stream,
                "500 Internal Server Error",
                "text/plain",
                "oops",
            )
            .await
        }
        "/moved" => redirect(&mut stream, "/atom").await,
        "/to-private" => redirect(&mut stream, "http://10.0.0.1/feed").await,
        "/to-metadata" => redirect(&mut stream, "http://169.254.169.254/latest/meta-data/").await,
        "/to-ftp" => redirect(&mut stream, "ftp://x/feed").await,
        "/big" => stream_big(&mut stream, &big_sent).await,
        "/big-declared" => declare_big(&mut stream).await,
        "/trickle" => trickle(&mut stream).await,
        "/silent" => tokio::time::sleep(Duration::from_secs(30)).await,
        chain if chain.starts_with("/chain/") => {
            let n: u32 = chain["/chain/".len()..].parse().unwrap();
            if n < 5 {
                redirect(&mut stream, &format!("/chain/{}", n + 1)).await;
            } else {
                respond(&mut stream, "200 OK", atom, ATOM).await;
            }
        }
        _ => respond(&mut stream, "404 Not Found", "text/plain", "no such feed").await,
    }
}

async fn request_path(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    head.split_whitespace().nth(1).unwrap_or("/").to_owned()
}

async fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

async fn redirect(stream: &mut TcpStream, location: &str) {
    let head = format!(
        "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// 50 MB without Content-Length, so only the streaming cap can stop it.
async fn stream_big(stream: &mut TcpStream, sent: &AtomicUsize) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml\r\nConnection: close\r\n\r\n";
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    while sent.load(Ordering::SeqCst) < BIG {
        if stream.write_all(&chunk).await.is_err() {
            return;
        }
        sent.fetch_add(chunk.len(), Ordering::SeqCst);
    }
}

/// Declares 50 MB, then sends nothing: the declared length alone must be refused.
async fn declare_big(stream: &mut TcpStream) {
    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {BIG}\r\n\r\n");
    let _ = stream.write_all(head.as_bytes()).await;
    tokio::time::sleep(Duration::from_secs(30)).await;
}

/// A byte every 100 ms, forever: only the overall deadline stops it.
async fn trickle(stream: &mut TcpStream) {
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml\r\nContent-Length: 1000000\r\n\r\n<";
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if stream.write_all(b" ").await.is_err() {
            return;
        }
    }
}
