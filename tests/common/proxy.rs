//! A TCP proxy in front of the test MariaDB, to kill the database link under a running
//! app and bring it back: [`Proxy::kill`] closes its port and every connection through
//! it (as a dead server or node would), [`Proxy::restart`] listens on the same port again.
//! [`Proxy::cut_after`] lets one client packet holding some bytes (a `COMMIT`) through
//! and then kills the link before the answer returns: a commit whose outcome the client
//! cannot know. Everything it starts it stops, on drop as well (a failed test included).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

#[derive(Default)]
struct Shared {
    stop: AtomicBool,
    /// A clone of every socket, to shut them all down at once.
    sockets: Mutex<Vec<TcpStream>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// Cut the link after forwarding a client packet that holds these bytes.
    cut_on: Mutex<Option<Vec<u8>>>,
    /// A client packet to cut after went up: nothing more comes down.
    hold: AtomicBool,
    /// Set once a cut happened.
    cut: AtomicBool,
    /// Links let through so far, and how many may be (none: any number).
    links: std::sync::atomic::AtomicUsize,
    limit: Mutex<Option<usize>>,
}

pub struct Proxy {
    pub port: u16,
    target: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Proxy {
    /// A proxy on a free loopback port in front of `target` (`host:port`).
    pub fn start(target: &str) -> Proxy {
        let target = target
            .to_socket_addrs()
            .expect("target address")
            .next()
            .expect("a target address");
        let mut proxy = Proxy {
            port: 0,
            target,
            shared: Arc::default(),
            acceptor: None,
        };
        proxy.listen();
        proxy
    }

    /// `url` (a `mysql://` URL) through this proxy.
    pub fn url(&self, url: &str) -> String {
        let host = lms::config::mysql_host(url);
        url.replacen(host, &format!("127.0.0.1:{}", self.port), 1)
    }

    fn listen(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("bind the proxy port");
        self.port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        self.shared = Arc::new(Shared::default());
        let (shared, target) = (Arc::clone(&self.shared), self.target);
        self.acceptor = Some(thread::spawn(move || accept(&listener, target, &shared)));
    }

    /// Closes the port and every connection through the proxy.
    pub fn kill(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        cut_all(&self.shared);
        let threads: Vec<_> = self.shared.threads.lock().unwrap().drain(..).collect();
        for t in threads {
            let _ = t.join();
        }
    }

    /// Listens on the same port again.
    pub fn restart(&mut self) {
        assert!(self.acceptor.is_none(), "restart a killed proxy only");
        self.listen();
    }

    /// Kills every link right after a client packet holding `needle` went through.
    pub fn cut_after(&self, needle: &[u8]) {
        *self.shared.cut_on.lock().unwrap() = Some(needle.to_vec());
    }

    /// Lets only `n` links through in all (`None`: any number); more are closed at once,
    /// as a server that refuses connections would.
    pub fn limit_links(&self, n: Option<usize>) {
        *self.shared.limit.lock().unwrap() = n;
    }

    /// Whether a [`Proxy::cut_after`] cut happened.
    pub fn was_cut(&self) -> bool {
        self.shared.cut.load(Ordering::SeqCst)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.kill();
    }
}

fn cut_all(shared: &Shared) {
    for s in shared.sockets.lock().unwrap().drain(..) {
        let _ = s.shutdown(Shutdown::Both);
    }
}

fn accept(listener: &TcpListener, target: SocketAddr, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((client, _)) => {
                let limit = *shared.limit.lock().unwrap();
                if limit.is_some_and(|n| shared.links.load(Ordering::SeqCst) >= n) {
                    drop(client);
                    continue;
                }
                shared.links.fetch_add(1, Ordering::SeqCst);
                client.set_nonblocking(false).unwrap();
                let Ok(server) = TcpStream::connect(target) else {
                    continue;
                };
                let mut sockets = shared.sockets.lock().unwrap();
                sockets.push(client.try_clone().unwrap());
                sockets.push(server.try_clone().unwrap());
                drop(sockets);
                let up = {
                    let (from, to, shared) = (
                        client.try_clone().unwrap(),
                        server.try_clone().unwrap(),
                        Arc::clone(shared),
                    );
                    thread::spawn(move || pipe(from, to, &shared, true))
                };
                let down = {
                    let shared2 = Arc::clone(shared);
                    thread::spawn(move || pipe(server, client, &shared2, false))
                };
                shared.threads.lock().unwrap().extend([up, down]);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(5)),
            Err(_) => return,
        }
    }
}

/// Copies `from` to `to` until either end closes; client packets (`upstream`) are looked
/// at for the cut.
fn pipe(mut from: TcpStream, mut to: TcpStream, shared: &Shared, upstream: bool) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        if !upstream && shared.hold.load(Ordering::SeqCst) {
            break;
        }
        let cut = upstream
            && shared
                .cut_on
                .lock()
                .unwrap()
                .as_ref()
                .is_some_and(|needle| chunk.windows(needle.len()).any(|w| w == needle.as_slice()));
        if cut {
            shared.hold.store(true, Ordering::SeqCst);
        }
        if to.write_all(chunk).is_err() {
            break;
        }
        if cut {
            // Give the server the time to act on it; its answer never reaches the client,
            // and the port closes, as when a node dies right after a commit.
            thread::sleep(Duration::from_millis(300));
            *shared.cut_on.lock().unwrap() = None;
            shared.stop.store(true, Ordering::SeqCst);
            shared.cut.store(true, Ordering::SeqCst);
            cut_all(shared);
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
