// relay_floor: the least CPU any server can spend per op on this machine when an op is one client
// frame in, one Redis round trip and one ack out, with one op in flight — server_load's single-client
// closed loop. A relay process with a bare poll() loop, no parsing and no Qt stands in for
// coauthor-server, so what it spends is the cost of the two sleeps, wake-ups and four socket calls
// alone; compare it with server_load's "server cpu" on the same machine (docs/benchmarks.md).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace {

void die(const char *what)
{
    std::perror(what);
    std::exit(1);
}

int connectTcp(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int attempt = 0; connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0; ++attempt) {
        if (attempt > 200)
            die("connect tcp");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int connectUnix(const std::string &path)
{
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    for (int attempt = 0; connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0; ++attempt) {
        if (attempt > 200)
            die("connect unix");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return fd;
}

int listenTcp(int *port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(fd, 1) != 0)
        die("listen");
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The relay: wait for a frame, send Redis a command, wait for the answer, send the ack.
void relay(int listener, int redis, long ops, int report)
{
    const int client = accept(listener, nullptr, nullptr);
    const int one = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    static const char command[] = "*1\r\n$4\r\nPING\r\n";
    char buffer[4096];
    const double start = cpuSeconds();
    for (long i = 0; i < ops; ++i) {
        pollfd in{client, POLLIN, 0};
        poll(&in, 1, -1);
        if (read(client, buffer, sizeof buffer) <= 0)
            die("relay read client");
        if (write(redis, command, sizeof command - 1) < 0)
            die("relay write redis");
        pollfd answer{redis, POLLIN, 0};
        poll(&answer, 1, -1);
        if (read(redis, buffer, sizeof buffer) <= 0)
            die("relay read redis");
        if (write(client, "ack-ack-ack-ack-ack-ack-ack-ack\n", 32) < 0)
            die("relay write client");
    }
    const double cpu = cpuSeconds() - start;
    if (write(report, &cpu, sizeof cpu) < 0)
        die("report");
}

double run(const char *label, int redisFd, long ops)
{
    int port = 0;
    const int listener = listenTcp(&port);
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        die("pipe");
    const pid_t child = fork();
    if (child == 0) {
        relay(listener, redisFd, ops, pipeFds[1]);
        _exit(0);
    }
    const int fd = connectTcp(port);
    char frame[96];
    std::memset(frame, 'x', sizeof frame);
    char ack[64];
    const auto wallStart = std::chrono::steady_clock::now();
    for (long i = 0; i < ops; ++i) {
        if (write(fd, frame, sizeof frame) < 0)
            die("client write");
        long got = 0;
        while (got < 32) {
            const ssize_t n = read(fd, ack, sizeof ack);
            if (n <= 0)
                die("client read");
            got += n;
        }
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    double relayCpu = 0;
    if (read(pipeFds[0], &relayCpu, sizeof relayCpu) != sizeof relayCpu)
        die("read report");
    waitpid(child, nullptr, 0);
    close(fd);
    close(listener);
    std::printf("%s: ops=%ld ops/s=%.0f relay cpu=%.1fus/op\n", label, ops, ops / wall, relayCpu / ops * 1e6);
    return relayCpu / ops * 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
        std::printf("Usage: %s [OPS [ROUNDS]]\nRelay CPU per op, Redis over loopback TCP and over a unix socket, "
                    "alternating; medians over ROUNDS (default 20000 ops, 5 rounds).\n", argv[0]);
        return 0;
    }
    const long ops = argc > 1 ? std::atol(argv[1]) : 20000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    char dir[] = "/tmp/relayfloorXXXXXX";
    if (!mkdtemp(dir))
        die("mkdtemp");
    const std::string socketPath = std::string(dir) + "/redis.sock";
    int redisPortListener = 0;
    const int probe = listenTcp(&redisPortListener);
    close(probe);
    const pid_t redis = fork();
    if (redis == 0) {
        const std::string port = std::to_string(redisPortListener);
        execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--unixsocket",
               socketPath.c_str(), "--save", "", "--appendonly", "no", "--dir", dir, "--logfile", "/dev/null",
               static_cast<char *>(nullptr));
        die("exec redis-server");
    }
    const int tcpRedis = connectTcp(redisPortListener);
    const int unixRedis = connectUnix(socketPath);
    std::vector<double> overTcp, overUnix;
    for (int round = 0; round < rounds; ++round) {
        overTcp.push_back(run("redis over tcp ", tcpRedis, ops));
        overUnix.push_back(run("redis over unix", unixRedis, ops));
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[v.size() / 2];
    };
    std::printf("median relay cpu: redis over tcp %.1fus/op, redis over unix socket %.1fus/op\n", median(overTcp), median(overUnix));
    kill(redis, SIGTERM);
    waitpid(redis, nullptr, 0);
    unlink(socketPath.c_str());
    rmdir(dir);
    return 0;
}
