package org.tessera.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds the client's address: the peer, unless the peer is one of the configured trusted reverse
 * proxies ({@code tessera.portal.trusted-proxies}), in which case {@code X-Forwarded-For} is read
 * from the right, skipping trusted proxies, and the first other address is the client. A header
 * sent by anyone else is ignored, so a caller cannot choose the address the audit and the sign-in
 * throttle see. Stored as a request attribute that {@link CurrentUser#address()} reads. Thread-safe.
 */
public final class ClientAddress extends OncePerRequestFilter {

    static final String ATTRIBUTE = ClientAddress.class.getName();

    private final List<Range> trusted;

    public ClientAddress(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.trim()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, resolve(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For")));
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    String resolve(String peer, java.util.Enumeration<String> forwardedHeaders) {
        if (!isTrusted(peer) || forwardedHeaders == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        while (forwardedHeaders.hasMoreElements()) {
            for (String hop : forwardedHeaders.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!isTrusted(hops.get(i))) {
                return InetAddressText.isLiteral(hops.get(i)) ? hops.get(i) : peer;
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    boolean isTrusted(String address) {
        if (address == null || trusted.isEmpty() || !InetAddressText.isLiteral(address)) {
            return false;
        }
        byte[] bytes = InetAddressText.bytes(address);
        return trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** An address or CIDR range ({@code 10.0.0.0/8}, {@code ::1}). */
    record Range(byte[] network, int prefix) {
        static Range parse(String text) {
            String[] parts = text.split("/", 2);
            if (!InetAddressText.isLiteral(parts[0])) {
                throw new IllegalArgumentException("tessera.portal.trusted-proxies: '" + text + "' is not an IP address or CIDR range");
            }
            byte[] network = InetAddressText.bytes(parts[0]);
            int prefix = parts.length == 1 ? network.length * 8 : Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("tessera.portal.trusted-proxies: bad prefix in '" + text + "'");
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    /** Parses only literal addresses: a host name must never trigger a DNS look-up here. */
    static final class InetAddressText {
        private InetAddressText() {
        }

        static boolean isLiteral(String text) {
            return text.matches("[0-9.]{7,15}") && text.split("\\.").length == 4 || text.matches("[0-9A-Fa-f:.]{2,45}") && text.contains(":");
        }

        static byte[] bytes(String literal) {
            try {
                return InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
            }
        }
    }
}
