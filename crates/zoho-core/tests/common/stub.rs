//! A one-route HTTP stub on loopback that answers every request with a canned response,
//! for answers the simulator never gives (an HTML page with 200, a malformed body).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub struct Stub {
    pub base: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `status` + `content_type` + `body` for every request.
pub async fn serve(status: u16, content_type: &'static str, body: &'static str) -> Stub {
    serve_routes(vec![("/", status, content_type, body)]).await
}

/// Serves JSON `body` with HTTP 200 at `path` (the first route whose path the request's
/// starts with wins), 404 elsewhere. `{base}` in a body is replaced by the stub's base URL.
pub async fn serve_json_routes(routes: Vec<(&'static str, &'static str)>) -> Stub {
    serve_routes(
        routes
            .into_iter()
            .map(|(path, body)| (path, 200, "application/json", body))
            .collect(),
    )
    .await
}

type Route = (&'static str, u16, &'static str, &'static str);

async fn serve_routes(routes: Vec<Route>) -> Stub {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = std::sync::Arc::new(routes);
    let stub_base = base.clone();
    let task = tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let routes = routes.clone();
            let base = stub_base.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&head).to_lowercase();
                let length = text
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                let start = head.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
                let mut have = head.len() - start;
                while have < length {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => have += n,
                    }
                }
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (status, content_type, body) = routes
                    .iter()
                    .find(|(prefix, ..)| path.starts_with(prefix))
                    .map(|(_, status, content_type, body)| {
                        (*status, *content_type, body.replace("{base}", &base))
                    })
                    .unwrap_or((404, "text/plain", String::new()));
                let response = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    Stub { base, task }
}
