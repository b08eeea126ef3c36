import CZMQ
import Foundation

/// The ZeroMQ context the kernel's sockets live in. Terminating it wakes every blocked socket
/// call with `ETERM`, which is how the threads learn the kernel is shutting down.
final class ZMQContext {
    let handle: UnsafeMutableRawPointer

    init() throws {
        guard let handle = zmq_ctx_new() else { throw KernelError.socket("cannot create a ZeroMQ context: \(ZMQSocket.lastError())") }
        self.handle = handle
    }

    /// Waits until every socket is closed (sending what they still hold), then frees the context.
    func terminate() {
        while zmq_ctx_term(handle) != 0, zmq_errno() == EINTR {}
    }
}

/// One ZeroMQ socket, sending and receiving multipart messages as arrays of frames. A socket
/// belongs to one thread at a time (ZeroMQ's rule); `KernelServer` says which.
final class ZMQSocket {
    private let handle: UnsafeMutableRawPointer
    private var isClosed = false

    /// A socket of `type` (`ZMQ_ROUTER`, `ZMQ_PUB`, `ZMQ_REP`) bound to `endpoint`.
    init(context: ZMQContext, type: Int32, endpoint: String) throws {
        guard let handle = zmq_socket(context.handle, type) else {
            throw KernelError.socket("cannot create a ZeroMQ socket: \(Self.lastError())")
        }
        self.handle = handle
        // On close, pending messages (the shutdown reply) get a second to leave, then are dropped.
        var linger: Int32 = 1000
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        guard zmq_bind(handle, endpoint) == 0 else {
            let reason = Self.lastError()
            zmq_close(handle)
            throw KernelError.socket("cannot listen on \(endpoint): \(reason)")
        }
    }

    /// Sends all frames as one message; false when the socket is closing (`ETERM`) or the peer is gone.
    @discardableResult
    func send(_ frames: [[UInt8]]) -> Bool {
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
            let sent = frame.withUnsafeBytes { bytes in zmq_send(handle, bytes.baseAddress, bytes.count, flags) }
            if sent < 0 {
                if zmq_errno() == EINTR { return send(Array(frames[index...])) }
                return false
            }
        }
        return true
    }

    /// The next message's frames; nil when the context is terminating.
    func receive() -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            if zmq_msg_recv(&message, handle, 0) < 0 {
                if zmq_errno() == EINTR { continue }
                return nil
            }
            let size = zmq_msg_size(&message)
            let data = zmq_msg_data(&message)!
            frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Waits up to `milliseconds` for a message on one of `sockets`; the indices of those readable,
    /// or nil when the context is terminating.
    static func poll(_ sockets: [ZMQSocket], milliseconds: Int) -> [Int]? {
        var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        let count = zmq_poll(&items, Int32(items.count), milliseconds)
        if count < 0 { return zmq_errno() == EINTR ? [] : nil }
        return items.indices.filter { items[$0].revents & Int16(ZMQ_POLLIN) != 0 }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        zmq_close(handle)
    }

    static func lastError() -> String {
        String(cString: zmq_strerror(zmq_errno()))
    }
}
