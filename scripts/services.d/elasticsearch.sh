# elasticsearch: one real Elasticsearch 8.19 node (Lucene, Netty4 HTTP) run from Maven Central jars.
#   launcher   local-services/elasticsearch-node (compiled; its runtime classpath in target/classpath.txt); the
#              classes are copied to $STATE/elasticsearch/launcher at each start, out of reach of `mvn clean`
#   node home  $STATE/elasticsearch/home (data kept across restarts)
# HTTP 127.0.0.1:19200, transport 127.0.0.1:19300. Cluster name concord-local.

ELASTICSEARCH_MODULE="local-services/elasticsearch-node"
ELASTICSEARCH_HTTP_PORT=19200
ELASTICSEARCH_TRANSPORT_PORT=19300

elasticsearch_prepare() {
  local module="$ROOT/$ELASTICSEARCH_MODULE" stamp
  stamp="$module/target/node-built.stamp"
  if [ ! -f "$stamp" ] || [ ! -f "$module/target/classpath.txt" ] \
    || [ -n "$(find "$module/pom.xml" "$module/src" -newer "$stamp" -print -quit)" ]; then
    echo "elasticsearch: building the node launcher with Maven"
    # formatting is the build's business, not a reason to refuse to start a node
    maven -f "$ELASTICSEARCH_MODULE/pom.xml" -Dspotless.check.skip=true compile || return 1
    touch "$stamp"
  fi

  local dir home
  dir="$(service_dir elasticsearch)"
  home="$dir/home"
  mkdir -p "$home/tmp" "$home/native"
  rm -rf "$dir/launcher"
  mkdir -p "$dir/launcher"
  cp -a "$module/target/classes" "$dir/launcher/classes"
  cp "$module/target/classpath.txt" "$dir/launcher/classpath.txt"
  # index.codec=best_compression (and logsdb) need libzstd from es.nativelibs.path; Debian's libzstd1 serves
  local zstd=/usr/lib/x86_64-linux-gnu/libzstd.so.1
  if [ -e "$zstd" ]; then
    ln -sfn "$zstd" "$home/native/libzstd.so"
  fi
}

elasticsearch_launch() {
  local dir home port
  dir="$(service_dir elasticsearch)"
  home="$dir/home"
  for port in "$ELASTICSEARCH_HTTP_PORT" "$ELASTICSEARCH_TRANSPORT_PORT"; do
    if tcp_open 127.0.0.1 "$port"; then
      # another process (another checkout's services?) holds it: a second one would fail to bind, while the
      # readiness check answered by the other one could pass
      echo "elasticsearch: 127.0.0.1:$port is already taken by a process that scripts/services here did not start" >&2
      return 1
    fi
  done
  spawn elasticsearch node "$(service_dir elasticsearch)/logs/elasticsearch.out" \
    java -Xms1g -Xmx1g -XX:+UseG1GC -Xss1m \
    --enable-native-access=ALL-UNNAMED \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
    -Djava.locale.providers=CLDR -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$home/tmp" \
    -Des.nativelibs.path="$home/native" -Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false \
    -cp "$dir/launcher/classes:$(cat "$dir/launcher/classpath.txt")" \
    dev.concord.localservices.elasticsearch.ElasticsearchNodeLauncher \
    "$home" "$ELASTICSEARCH_HTTP_PORT" "$ELASTICSEARCH_TRANSPORT_PORT"
}

elasticsearch_ready() { http_ok "http://127.0.0.1:$ELASTICSEARCH_HTTP_PORT/_cluster/health"; }

elasticsearch_endpoint() { echo "http://127.0.0.1:$ELASTICSEARCH_HTTP_PORT"; }
