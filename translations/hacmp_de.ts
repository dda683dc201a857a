<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ClusterAssessor</name>
    <message>
        <source>The console has not read the directory yet.</source>
        <translation>Die Konsole hat das Verzeichnis noch nicht gelesen.</translation>
    </message>
    <message>
        <source>The folder nodes/ in %1 cannot be read: %2</source>
        <translation>Der Ordner nodes/ in %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>nodes/%1 is not a heartbeat record (&lt;node&gt;.hb); ignored</source>
        <translation>nodes/%1 ist kein Heartbeat-Datensatz (&lt;Knoten&gt;.hb); ignoriert</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>noch nicht gelesen</translation>
    </message>
    <message>
        <source>nodes/%1.hb: %2</source>
        <translation>nodes/%1.hb: %2</translation>
    </message>
    <message>
        <source>the record was removed</source>
        <translation>der Datensatz wurde entfernt</translation>
    </message>
    <message>
        <source>No answer for %1; the window shows what was last read.</source>
        <translation>Seit %1 keine Antwort; das Fenster zeigt den zuletzt gelesenen Stand.</translation>
    </message>
    <message>
        <source>Node %1 is written by two hosts: two agents use the same node name. Give each host its own [node] name in agent.conf.</source>
        <translation>Knoten %1 wird von zwei Hosts geschrieben: zwei Agenten verwenden denselben Knotennamen. Geben Sie jedem Host in agent.conf einen eigenen [node] name.</translation>
    </message>
    <message>
        <source>The record of node %1 cannot be understood (%2).</source>
        <translation>Der Datensatz von Knoten %1 ist nicht verständlich (%2).</translation>
    </message>
    <message>
        <source>Node %1 is dead: its heartbeat has not changed for %2.</source>
        <translation>Knoten %1 ist tot: sein Heartbeat hat sich seit %2 nicht geändert.</translation>
    </message>
    <message>
        <source>Node %1 is offline (its agent was stopped).</source>
        <translation>Knoten %1 ist offline (sein Agent wurde beendet).</translation>
    </message>
    <message>
        <source>The heartbeat of node %1 is stale: no change for %2.</source>
        <translation>Der Heartbeat von Knoten %1 ist veraltet: seit %2 keine Änderung.</translation>
    </message>
    <message>
        <source>Node %1 is fenced: it lost its lease and stopped the application.</source>
        <translation>Knoten %1 ist abgeschottet: er hat seine Lease verloren und die Anwendung beendet.</translation>
    </message>
    <message>
        <source>Node %1 runs the application outside its guard (pid %2), started by hand. It is stopped when maintenance ends, and the master starts the application under its guard.</source>
        <translation>Knoten %1 führt die Anwendung außerhalb seines Wächters aus (PID %2), von Hand gestartet. Sie wird beendet, wenn die Wartung endet, und der Master startet die Anwendung unter seinem Wächter.</translation>
    </message>
    <message>
        <source>Node %1 is in standby on request of %2.</source>
        <translation>Knoten %1 ist auf Wunsch von %2 in Standby.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>Node %1 may not become master: its application failed too often or cannot run. Clear its failures once the cause is fixed.</source>
        <translation>Knoten %1 darf nicht Master werden: seine Anwendung ist zu oft ausgefallen oder kann nicht laufen. Setzen Sie seine Fehler zurück, sobald die Ursache behoben ist.</translation>
    </message>
    <message>
        <source>Several nodes are master at once: %1.</source>
        <translation>Mehrere Knoten sind gleichzeitig Master: %1.</translation>
    </message>
    <message>
        <source>The application runs on several nodes: %1.</source>
        <translation>Die Anwendung läuft auf mehreren Knoten: %1.</translation>
    </message>
    <message>
        <source>Node %1 also shows itself master (epoch %2), but its heartbeat has not changed since the console began watching: a term that has ended, unless it changes.</source>
        <translation>Knoten %1 zeigt sich ebenfalls als Master (Epoche %2), aber sein Herzschlag hat sich nicht geändert, seit die Konsole beobachtet: eine beendete Amtszeit, sofern er sich nicht ändert.</translation>
    </message>
    <message>
        <source>Nodes %1 report the same host_id %2: one host runs two agents, or its machine-id was cloned.</source>
        <translation>Die Knoten %1 melden dieselbe host_id %2: ein Host betreibt zwei Agenten, oder seine machine-id wurde geklont.</translation>
    </message>
    <message>
        <source>No agent has written a heartbeat into nodes/ yet.</source>
        <translation>Noch kein Agent hat einen Heartbeat in nodes/ geschrieben.</translation>
    </message>
    <message>
        <source>The last master %1 is dead; an eligible standby takes over.</source>
        <translation>Der letzte Master %1 ist tot; ein berechtigter Standby-Knoten übernimmt.</translation>
    </message>
    <message>
        <source>Taking over: %1.</source>
        <translation>Übernimmt gerade: %1.</translation>
    </message>
    <message>
        <source>The application on master %1 is %2.</source>
        <translation>Die Anwendung auf dem Master %1 ist %2.</translation>
    </message>
    <message>
        <source>No other node is ready to take over.</source>
        <translation>Kein anderer Knoten ist bereit zu übernehmen.</translation>
    </message>
    <message>
        <source>The heartbeat of master %1 has not changed for %2: it may be frozen or cut off from the storage.</source>
        <translation>Der Heartbeat des Masters %1 hat sich seit %2 nicht geändert: Er ist vielleicht eingefroren oder vom Speicher abgeschnitten.</translation>
    </message>
    <message>
        <source>No node is master.</source>
        <translation>Kein Knoten ist Master.</translation>
    </message>
    <message>
        <source>Whether the cluster is in maintenance is unknown: %1</source>
        <translation>Ob der Cluster in Wartung ist, ist unbekannt: %1</translation>
    </message>
    <message>
        <source>Master %1 is in standby: it hands over to another node.</source>
        <translation>Master %1 ist im Standby: Er übergibt an einen anderen Knoten.</translation>
    </message>
    <message>
        <source>The keys under %1nodes/ cannot be read: %2</source>
        <translation>Die Schlüssel unter %1nodes/ können nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>ClusterState</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>DEGRADED</source>
        <translation>BEEINTRÄCHTIGT</translation>
    </message>
    <message>
        <source>NO MASTER</source>
        <translation>KEIN MASTER</translation>
    </message>
    <message>
        <source>MAINTENANCE</source>
        <translation>WARTUNG</translation>
    </message>
    <message>
        <source>CONFLICT</source>
        <translation>KONFLIKT</translation>
    </message>
    <message>
        <source>DIRECTORY NOT RESPONDING</source>
        <translation>VERZEICHNIS ANTWORTET NICHT</translation>
    </message>
    <message>
        <source>DIRECTORY UNREACHABLE</source>
        <translation>VERZEICHNIS NICHT ERREICHBAR</translation>
    </message>
    <message>
        <source>ETCD NOT RESPONDING</source>
        <translation>ETCD ANTWORTET NICHT</translation>
    </message>
    <message>
        <source>ETCD UNREACHABLE</source>
        <translation>ETCD NICHT ERREICHBAR</translation>
    </message>
</context>
<context>
    <name>DirectoryPoll</name>
    <message>
        <source>%1 does not exist. Run &apos;hacmpctl init&apos; on the cluster directory again to create the missing folders.</source>
        <translation>%1 existiert nicht. Führen Sie &apos;hacmpctl init&apos; erneut auf dem Cluster-Verzeichnis aus, um die fehlenden Ordner anzulegen.</translation>
    </message>
    <message>
        <source>You cannot write %1 (%2). Ask an administrator to add you to the group that owns the cluster directory (normally hacmp), then log in again.</source>
        <translation>Sie können %1 nicht schreiben (%2). Bitten Sie einen Administrator, Sie in die Gruppe aufzunehmen, der das Cluster-Verzeichnis gehört (normalerweise hacmp), und melden Sie sich dann neu an.</translation>
    </message>
</context>
<context>
    <name>EndpointHealth</name>
    <message>
        <source>up, leader</source>
        <translation>erreichbar, Leader</translation>
    </message>
    <message>
        <source>up, follower</source>
        <translation>erreichbar, Follower</translation>
    </message>
    <message>
        <source>up, no leader</source>
        <translation>erreichbar, kein Leader</translation>
    </message>
    <message>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
</context>
<context>
    <name>Liveness</name>
    <message>
        <source>alive</source>
        <translation>lebt</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>tot</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>Standby</translation>
    </message>
    <message>
        <source>taking over</source>
        <translation>übernimmt</translation>
    </message>
    <message>
        <source>master</source>
        <translation>Master</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stoppt</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>fenced</source>
        <translation>abgeschottet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>agent started</source>
        <translation>Agent gestartet</translation>
    </message>
    <message>
        <source>agent stopped</source>
        <translation>Agent beendet</translation>
    </message>
    <message>
        <source>role change</source>
        <translation>Rollenwechsel</translation>
    </message>
    <message>
        <source>application started</source>
        <translation>Anwendung gestartet</translation>
    </message>
    <message>
        <source>application exited</source>
        <translation>Anwendung beendet</translation>
    </message>
    <message>
        <source>application restarted</source>
        <translation>Anwendung neu gestartet</translation>
    </message>
    <message>
        <source>application failed</source>
        <translation>Anwendung ausgefallen</translation>
    </message>
    <message>
        <source>lease lapsed</source>
        <translation>Lease abgelaufen</translation>
    </message>
    <message>
        <source>killed by the guard</source>
        <translation>vom Wächter beendet</translation>
    </message>
    <message>
        <source>node seen dead</source>
        <translation>Knoten als tot erkannt</translation>
    </message>
    <message>
        <source>storage lost</source>
        <translation>Speicher verloren</translation>
    </message>
    <message>
        <source>storage restored</source>
        <translation>Speicher wiederhergestellt</translation>
    </message>
    <message>
        <source>maintenance on</source>
        <translation>Wartung ein</translation>
    </message>
    <message>
        <source>maintenance off</source>
        <translation>Wartung aus</translation>
    </message>
    <message>
        <source>standby on</source>
        <translation>Standby ein</translation>
    </message>
    <message>
        <source>standby off</source>
        <translation>Standby aus</translation>
    </message>
    <message>
        <source>switchover requested</source>
        <translation>Umschaltung angefordert</translation>
    </message>
    <message>
        <source>switchover done</source>
        <translation>Umschaltung erfolgt</translation>
    </message>
    <message>
        <source>switchover refused</source>
        <translation>Umschaltung abgelehnt</translation>
    </message>
    <message>
        <source>duplicate node name</source>
        <translation>doppelter Knotenname</translation>
    </message>
    <message>
        <source>configuration rejected</source>
        <translation>Konfiguration abgelehnt</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>Vorfall</translation>
    </message>
    <message>
        <source>failures cleared</source>
        <translation>Fehler zurückgesetzt</translation>
    </message>
    <message>
        <source>application start deferred</source>
        <translation>Anwendungsstart verschoben</translation>
    </message>
    <message>
        <source>application left to the guard</source>
        <translation>Anwendung dem Wächter überlassen</translation>
    </message>
    <message>
        <source>instance outside the guard</source>
        <translation>Instanz außerhalb des Wächters</translation>
    </message>
    <message>
        <source>first master</source>
        <translation>erster Master</translation>
    </message>
    <message>
        <source>switchover</source>
        <translation>Umschaltung</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>failover</source>
        <translation>Failover</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>start by hand requested</source>
        <translation>Start von Hand angefordert</translation>
    </message>
    <message>
        <source>stop by hand requested</source>
        <translation>Stopp von Hand angefordert</translation>
    </message>
    <message>
        <source>request carried out</source>
        <translation>Anforderung ausgeführt</translation>
    </message>
    <message>
        <source>request refused</source>
        <translation>Anforderung abgelehnt</translation>
    </message>
</context>
<context>
    <name>hacmp::console::ClusterMonitor</name>
    <message>
        <source>%1 has not answered for %2 (io_timeout is %3): the storage may be hung, for example an NFS server that is down.</source>
        <translation>%1 antwortet seit %2 nicht (io_timeout ist %3): der Speicher hängt vielleicht, zum Beispiel ein ausgefallener NFS-Server.</translation>
    </message>
    <message>
        <source>%1 has not answered for %2 (io_timeout is %3): the etcd cluster may have lost its quorum, or this computer cannot reach its members; see the endpoints.</source>
        <translation>%1 hat seit %2 nicht geantwortet (io_timeout ist %3): Der etcd-Cluster hat vielleicht sein Quorum verloren, oder dieser Rechner erreicht seine Mitglieder nicht; siehe die Endpunkte.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::ConfirmDialog</name>
    <message>
        <source>for example: kernel update on all nodes, ticket 4711</source>
        <translation>zum Beispiel: Kernel-Update auf allen Knoten, Ticket 4711</translation>
    </message>
    <message>
        <source>&amp;Reason (required, written to the cluster&apos;s history):</source>
        <translation>&amp;Grund (erforderlich, wird in den Verlauf des Clusters geschrieben):</translation>
    </message>
    <message>
        <source>&amp;Reason (optional, written to the cluster&apos;s history):</source>
        <translation>&amp;Grund (optional, wird in den Verlauf des Clusters geschrieben):</translation>
    </message>
    <message>
        <source>Type a reason first.</source>
        <translation>Geben Sie zuerst einen Grund ein.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::ControlRequests</name>
    <message>
        <source>An earlier change has not finished yet: the directory may not be responding. Try again in a moment.</source>
        <translation>Eine frühere Änderung ist noch nicht fertig: das Verzeichnis antwortet vielleicht nicht. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The delayed change failed: %1</source>
        <translation>Die verzögerte Änderung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Maintenance is on. The agents see it within an interval.</source>
        <translation>Die Wartung ist eingeschaltet. Die Agenten sehen das innerhalb eines Intervalls.</translation>
    </message>
    <message>
        <source>Maintenance is off. The agents resume within an interval.</source>
        <translation>Die Wartung ist ausgeschaltet. Die Agenten machen innerhalb eines Intervalls weiter.</translation>
    </message>
    <message>
        <source>Node %1 is in standby.</source>
        <translation>Knoten %1 ist in Standby.</translation>
    </message>
    <message>
        <source>Node %1 is out of standby.</source>
        <translation>Knoten %1 ist nicht mehr in Standby.</translation>
    </message>
    <message>
        <source>Switchover to %1 requested; the master acts on it within an interval.</source>
        <translation>Umschaltung auf %1 angefordert; der Master handelt innerhalb eines Intervalls.</translation>
    </message>
    <message>
        <source>Clearing the failures of %1 requested; its agent acts on it within an interval.</source>
        <translation>Zurücksetzen der Fehler von %1 angefordert; sein Agent handelt innerhalb eines Intervalls.</translation>
    </message>
    <message>
        <source>The delayed change was made after all: %1</source>
        <translation>Die verzögerte Änderung wurde doch noch ausgeführt: %1</translation>
    </message>
    <message>
        <source>The directory has not answered within %1. The change may still be made when it answers; check the banner before trying again.</source>
        <translation>Das Verzeichnis hat nicht innerhalb von %1 geantwortet. Die Änderung kann noch erfolgen, wenn es antwortet; prüfen Sie das Statusband, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <source>Starting the application on %1 by hand requested; its agent acts on it within an interval.</source>
        <translation>Start der Anwendung auf %1 von Hand angefordert; sein Agent handelt innerhalb eines Intervalls.</translation>
    </message>
    <message>
        <source>Stopping the application on %1 by hand requested; its agent acts on it within an interval.</source>
        <translation>Stopp der Anwendung auf %1 von Hand angefordert; sein Agent handelt innerhalb eines Intervalls.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::EndpointsPane</name>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>etcd endpoints</source>
        <translation>etcd-Endpunkte</translation>
    </message>
    <message>
        <source>etcd endpoints: %1 of %2 answer</source>
        <translation>etcd-Endpunkte: %1 von %2 antworten</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>etcd %1, raft term %2, revision %3</source>
        <translation>etcd %1, Raft-Term %2, Revision %3</translation>
    </message>
</context>
<context>
    <name>hacmp::console::FailoverModel</name>
    <message>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>From the old master&apos;s application exit to the new master&apos;s application start, as their history lines say. Taken from two hosts&apos; wall clocks: off by their skew.</source>
        <translation>Vom Ende der Anwendung auf dem alten Master bis zu ihrem Start auf dem neuen, laut deren Verlaufszeilen. Aus den Uhren zweier Hosts genommen: um deren Abweichung ungenau.</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Zu</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Ausfallzeit</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>hacmp::console::FailoversPane</name>
    <message>
        <source>Each change of master, newest first. Downtime runs from the old master&apos;s application exit to the new master&apos;s application start.</source>
        <translation>Jeder Wechsel des Masters, neueste zuerst. Die Ausfallzeit reicht vom Ende der Anwendung auf dem alten Master bis zu ihrem Start auf dem neuen.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::HistoryModel</name>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>Written by %1 (its event number %2)</source>
        <translation>Geschrieben von %1 (sein Ereignis Nummer %2)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Geschrieben von</translation>
    </message>
</context>
<context>
    <name>hacmp::console::HistoryPane</name>
    <message>
        <source>Showing %1 of %2 events</source>
        <translation>Zeige %1 von %2 Ereignissen</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Alle Knoten</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another file.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie eine andere Datei.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n events to %1.</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert.</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Export History as CSV…</source>
        <translation>Verlauf als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>N&amp;ode:</source>
        <translation>K&amp;noten:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation>Z&amp;eit:</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>details, nodes, events, writers (Ctrl+F)</source>
        <translation>Details, Knoten, Ereignisse, Schreiber (Strg+F)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Save the events shown, with the filters applied, as a CSV file (Ctrl+E).</source>
        <translation>Die angezeigten Ereignisse mit den angewandten Filtern als CSV-Datei speichern (Strg+E).</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebige Zeit</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Zwischen…</translation>
    </message>
</context>
<context>
    <name>hacmp::console::MainWindow</name>
    <message>
        <source>%1 — hacmp console</source>
        <translation>%1 — hacmp-Konsole</translation>
    </message>
    <message>
        <source>%1: %2 — hacmp console</source>
        <translation>%1: %2 — hacmp-Konsole</translation>
    </message>
    <message>
        <source>No cluster is open.</source>
        <translation>Kein Cluster ist geöffnet.</translation>
    </message>
    <message>
        <source>The directory is not responding; changes cannot be written now.</source>
        <translation>Das Verzeichnis antwortet nicht; Änderungen können jetzt nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>No cluster open.</source>
        <translation>Kein Cluster geöffnet.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Read %1 ago</source>
        <translation>Vor %1 gelesen</translation>
    </message>
    <message>
        <source>Waiting for the directory</source>
        <translation>Warte auf das Verzeichnis</translation>
    </message>
    <message>
        <source>%1 · reads every %2 · a node is dead after %3 without a heartbeat change</source>
        <translation>%1 · liest alle %2 · ein Knoten ist nach %3 ohne Heartbeat-Änderung tot</translation>
    </message>
    <message>
        <source>Open Cluster Directory</source>
        <translation>Cluster-Verzeichnis öffnen</translation>
    </message>
    <message>
        <source>About hacmp console</source>
        <translation>Über die hacmp-Konsole</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;hacmp console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Watches a hacmp cluster through its shared directory or its etcd cluster: which node is master, how fresh every heartbeat is, maintenance, and what happened when.&lt;/p&gt;&lt;p&gt;Heartbeat ages are measured on this computer&apos;s own clock; clocks of different hosts are never compared.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;hacmp-Konsole&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Überwacht einen hacmp-Cluster über sein gemeinsames Verzeichnis oder seinen etcd-Cluster: welcher Knoten Master ist, wie frisch jeder Heartbeat ist, Wartung, und was wann geschah.&lt;/p&gt;&lt;p&gt;Das Alter der Heartbeats wird mit der eigenen Uhr dieses Rechners gemessen; Uhren verschiedener Hosts werden nie verglichen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Knoten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Open Cluster Directory…</source>
        <translation>Cluster-Verzeichnis ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open the shared directory of a cluster (Ctrl+O).</source>
        <translation>Das gemeinsame Verzeichnis eines Clusters öffnen (Strg+O).</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Refresh Now</source>
        <translation>Jetzt a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Find in History</source>
        <translation>Im Verlauf &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;About hacmp console</source>
        <translation>&amp;Über die hacmp-Konsole</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>S&amp;ystemsprache</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Failovers</source>
        <translation>&amp;Failovers</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>hacmp console</source>
        <translation>hacmp-Konsole</translation>
    </message>
    <message>
        <source>Read only: changes are disabled</source>
        <translation>Nur lesen: Änderungen sind deaktiviert</translation>
    </message>
    <message>
        <source>The history&apos;s filters hide this event (%1, %2, %3): choose all nodes, all events, any time and no search to see it.</source>
        <translation>Die Filter des Verlaufs verbergen dieses Ereignis (%1, %2, %3): Wählen Sie alle Knoten, alle Ereignisse, beliebige Zeit und keine Suche, um es zu sehen.</translation>
    </message>
    <message>
        <source>The history does not hold this event (%1, %2, %3) any more.</source>
        <translation>Der Verlauf enthält dieses Ereignis (%1, %2, %3) nicht mehr.</translation>
    </message>
    <message>
        <source>The etcd cluster is not responding; changes cannot be written now.</source>
        <translation>Der etcd-Cluster antwortet nicht; Änderungen können jetzt nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>From [cluster] of %1</source>
        <translation>Aus [cluster] von %1</translation>
    </message>
    <message>
        <source>Waiting for etcd</source>
        <translation>Warte auf etcd</translation>
    </message>
</context>
<context>
    <name>hacmp::console::MaintenanceToggle</name>
    <message>
        <source>&amp;Maintenance Mode</source>
        <translation>&amp;Wartungsmodus</translation>
    </message>
    <message>
        <source>Turn Maintenance Off…</source>
        <translation>Wartung ausschalten…</translation>
    </message>
    <message>
        <source>Turn Maintenance On…</source>
        <translation>Wartung einschalten…</translation>
    </message>
    <message>
        <source>Let the agents start, restart and move the application again (Ctrl+M).</source>
        <translation>Die Agenten die Anwendung wieder starten, neu starten und verschieben lassen (Strg+M).</translation>
    </message>
    <message>
        <source>Freeze the cluster: no agent starts, stops, restarts or moves the application while you work on it (Ctrl+M).</source>
        <translation>Den Cluster einfrieren: kein Agent startet, stoppt, startet neu oder verschiebt die Anwendung, während Sie daran arbeiten (Strg+M).</translation>
    </message>
    <message>
        <source>It was turned on by %1 at %2: “%3”.

</source>
        <translation>Sie wurde von %1 am %2 eingeschaltet: „%3“.

</translation>
    </message>
    <message>
        <source>Turn maintenance off for cluster %1?</source>
        <translation>Wartung für den Cluster %1 ausschalten?</translation>
    </message>
    <message>
        <source>The agents take over again: nodes that are not master stop stray instances, then the master starts the application if it is not running.</source>
        <translation>Die Agenten übernehmen wieder: Knoten, die nicht Master sind, beenden verirrte Instanzen, dann startet der Master die Anwendung, falls sie nicht läuft.</translation>
    </message>
    <message>
        <source>Turn Maintenance Off</source>
        <translation>Wartung ausschalten</translation>
    </message>
    <message>
        <source>Turn maintenance on for cluster %1?</source>
        <translation>Wartung für den Cluster %1 einschalten?</translation>
    </message>
    <message>
        <source>While the cluster is in maintenance no agent starts, stops, restarts or moves the application, so you can work on it by hand. Heartbeats and fencing go on. Remember to turn maintenance off afterwards.</source>
        <translation>Solange der Cluster in Wartung ist, startet, stoppt, startet neu oder verschiebt kein Agent die Anwendung, sodass Sie von Hand daran arbeiten können. Heartbeats und Fencing laufen weiter. Denken Sie daran, die Wartung danach auszuschalten.</translation>
    </message>
    <message>
        <source>Turn Maintenance On</source>
        <translation>Wartung einschalten</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NodeActions</name>
    <message>
        <source>Select a node in the table first.</source>
        <translation>Wählen Sie zuerst einen Knoten in der Tabelle.</translation>
    </message>
    <message>
        <source>Take %1 Out of Standby…</source>
        <translation>%1 aus dem Standby holen…</translation>
    </message>
    <message>
        <source>Put %1 in Standby…</source>
        <translation>%1 in Standby versetzen…</translation>
    </message>
    <message>
        <source>Standby…</source>
        <translation>Standby…</translation>
    </message>
    <message>
        <source>A node in standby never becomes master; a master in standby hands over to another node.</source>
        <translation>Ein Knoten in Standby wird nie Master; ein Master in Standby übergibt an einen anderen Knoten.</translation>
    </message>
    <message>
        <source>Roles are frozen while the cluster is in maintenance; turn maintenance off first.</source>
        <translation>Die Rollen sind eingefroren, solange der Cluster in Wartung ist; schalten Sie zuerst die Wartung aus.</translation>
    </message>
    <message>
        <source>There is no single master to hand over from.</source>
        <translation>Es gibt keinen einzelnen Master, der übergeben könnte.</translation>
    </message>
    <message>
        <source>%1 is already master.</source>
        <translation>%1 ist bereits Master.</translation>
    </message>
    <message>
        <source>%1 is not alive.</source>
        <translation>%1 lebt nicht.</translation>
    </message>
    <message>
        <source>%1 may not become master (standby, or not eligible).</source>
        <translation>%1 darf nicht Master werden (Standby oder nicht berechtigt).</translation>
    </message>
    <message>
        <source>Switch Over to %1…</source>
        <translation>Auf %1 umschalten…</translation>
    </message>
    <message>
        <source>Switch Over…</source>
        <translation>Umschalten…</translation>
    </message>
    <message>
        <source>Ask master %1 to hand the application over to %2.</source>
        <translation>Den Master %1 bitten, die Anwendung an %2 zu übergeben.</translation>
    </message>
    <message>
        <source>Clear Failures of %1…</source>
        <translation>Fehler von %1 zurücksetzen…</translation>
    </message>
    <message>
        <source>Clear Failures…</source>
        <translation>Fehler zurücksetzen…</translation>
    </message>
    <message>
        <source>Reset the node&apos;s restart budget so that it may become master again, once the cause of the failures is fixed.</source>
        <translation>Das Neustart-Budget des Knotens zurücksetzen, damit er wieder Master werden darf, sobald die Ursache der Fehler behoben ist.</translation>
    </message>
    <message>
        <source>Take node %1 out of standby?</source>
        <translation>Knoten %1 aus dem Standby holen?</translation>
    </message>
    <message>
        <source>%1 may become master again when the cluster needs one.</source>
        <translation>%1 darf wieder Master werden, wenn der Cluster einen braucht.</translation>
    </message>
    <message>
        <source>Take Out of Standby</source>
        <translation>Aus dem Standby holen</translation>
    </message>
    <message>
        <source>Put node %1 in standby?</source>
        <translation>Knoten %1 in Standby versetzen?</translation>
    </message>
    <message>
        <source>%1 is master now: it stops the application and hands over to another node, then never becomes master until standby is taken off.</source>
        <translation>%1 ist jetzt Master: er beendet die Anwendung und übergibt an einen anderen Knoten und wird danach nicht mehr Master, bis der Standby aufgehoben ist.</translation>
    </message>
    <message>
        <source>%1 will not become master until standby is taken off.</source>
        <translation>%1 wird nicht Master, bis der Standby aufgehoben ist.</translation>
    </message>
    <message>
        <source>Put in Standby</source>
        <translation>In Standby versetzen</translation>
    </message>
    <message>
        <source>Switch over to node %1?</source>
        <translation>Auf Knoten %1 umschalten?</translation>
    </message>
    <message>
        <source>The master %1 (epoch %2) stops the application and hands over to %3, which starts it at once. Expect a short downtime: the application&apos;s stop and start and about two intervals.</source>
        <translation>Der Master %1 (Epoche %2) beendet die Anwendung und übergibt an %3, der sie sofort startet. Rechnen Sie mit einer kurzen Ausfallzeit: Stopp und Start der Anwendung und etwa zwei Intervalle.</translation>
    </message>
    <message>
        <source>Switch Over</source>
        <translation>Umschalten</translation>
    </message>
    <message>
        <source>Clear the failures of node %1?</source>
        <translation>Die Fehler von Knoten %1 zurücksetzen?</translation>
    </message>
    <message>
        <source>The agent of %1 resets its restart budget and may become master again. Do this once the cause of the failures is fixed.</source>
        <translation>Der Agent von %1 setzt sein Neustart-Budget zurück und darf wieder Master werden. Tun Sie das, sobald die Ursache der Fehler behoben ist.</translation>
    </message>
    <message>
        <source>Clear Failures</source>
        <translation>Fehler zurücksetzen</translation>
    </message>
    <message>
        <source>%1 is %2, not standby.</source>
        <translation>%1 ist %2, nicht Standby.</translation>
    </message>
    <message>
        <source>Only in maintenance: outside it the agents alone start and stop the application.</source>
        <translation>Nur in der Wartung: sonst starten und stoppen allein die Agenten die Anwendung.</translation>
    </message>
    <message>
        <source>No node is master: in maintenance none becomes master, so none may start the application.</source>
        <translation>Kein Knoten ist Master: in der Wartung wird keiner Master, also darf keiner die Anwendung starten.</translation>
    </message>
    <message>
        <source>Only the master starts the application by hand: %1 is master.</source>
        <translation>Nur der Master startet die Anwendung von Hand: %1 ist Master.</translation>
    </message>
    <message>
        <source>Application by Hand…</source>
        <translation>Anwendung von Hand…</translation>
    </message>
    <message>
        <source>Stop the Application on %1…</source>
        <translation>Anwendung auf %1 stoppen…</translation>
    </message>
    <message>
        <source>Start the Application on %1…</source>
        <translation>Anwendung auf %1 starten…</translation>
    </message>
    <message>
        <source>Ask the agent of %1 to stop the application; the master starts it again when maintenance ends.</source>
        <translation>Den Agenten von %1 bitten, die Anwendung zu stoppen; der Master startet sie wieder, wenn die Wartung endet.</translation>
    </message>
    <message>
        <source>Ask the agent of %1 to start the application under its guard, with the epoch of its term.</source>
        <translation>Den Agenten von %1 bitten, die Anwendung unter seinem Wächter zu starten, mit der Epoche seiner Amtszeit.</translation>
    </message>
    <message>
        <source>Stop the application on node %1?</source>
        <translation>Die Anwendung auf Knoten %1 stoppen?</translation>
    </message>
    <message>
        <source>The agent of %1 stops the application, and any instance started by hand on that host. It stays stopped until maintenance ends; then the master starts it once.</source>
        <translation>Der Agent von %1 stoppt die Anwendung und jede von Hand gestartete Instanz auf diesem Host. Sie bleibt gestoppt, bis die Wartung endet; dann startet der Master sie einmal.</translation>
    </message>
    <message>
        <source>Stop the Application</source>
        <translation>Anwendung stoppen</translation>
    </message>
    <message>
        <source>Start the application on node %1?</source>
        <translation>Die Anwendung auf Knoten %1 starten?</translation>
    </message>
    <message>
        <source>The agent of %1 starts the application under its guard, fenced like any instance. It refuses while another node&apos;s record does not show the application stopped.</source>
        <translation>Der Agent von %1 startet die Anwendung unter seinem Wächter, abgesichert wie jede Instanz. Er lehnt ab, solange der Eintrag eines anderen Knotens die Anwendung nicht als gestoppt zeigt.</translation>
    </message>
    <message>
        <source>Start the Application</source>
        <translation>Anwendung starten</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NodeTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1, duplicate name!</source>
        <translation>%1, doppelter Name!</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1, handing over to %2</source>
        <translation>%1, übergibt an %2</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
    <message>
        <source>%1%2 ± %3</source>
        <translation>%1%2 ± %3</translation>
    </message>
    <message>
        <source>The heartbeat record keeps changing: the agent is running.</source>
        <translation>Der Heartbeat-Datensatz ändert sich laufend: der Agent läuft.</translation>
    </message>
    <message>
        <source>The heartbeat has not changed for longer than a write should take (%1). The node is counted dead after %2 without a change.</source>
        <translation>Der Heartbeat hat sich länger nicht geändert, als ein Schreibvorgang dauern sollte (%1). Der Knoten gilt nach %2 ohne Änderung als tot.</translation>
    </message>
    <message>
        <source>The heartbeat has not changed for the failover timeout (%1): the agent or its host is down, or it cannot write the directory.</source>
        <translation>Der Heartbeat hat sich während des Failover-Timeouts (%1) nicht geändert: der Agent oder sein Host ist ausgefallen, oder er kann das Verzeichnis nicht schreiben.</translation>
    </message>
    <message>
        <source>The agent stopped cleanly and wrote an offline record.</source>
        <translation>Der Agent wurde sauber beendet und hat einen Offline-Datensatz geschrieben.</translation>
    </message>
    <message>
        <source>The record has not been read yet.</source>
        <translation>Der Datensatz wurde noch nicht gelesen.</translation>
    </message>
    <message>
        <source>The record cannot be understood: %1</source>
        <translation>Der Datensatz ist nicht verständlich: %1</translation>
    </message>
    <message>
        <source>Time since the console last saw this record change, on this computer&apos;s own clock. The console has not seen it change since it started, so the record may be older.</source>
        <translation>Zeit, seit die Konsole diesen Datensatz zuletzt sich ändern sah, gemessen mit der eigenen Uhr dieses Rechners. Seit dem Start der Konsole hat er sich nicht geändert, er kann also älter sein.</translation>
    </message>
    <message>
        <source>Time since the console last saw this record change, on this computer&apos;s own clock (no clocks are compared).</source>
        <translation>Zeit, seit die Konsole diesen Datensatz zuletzt sich ändern sah, gemessen mit der eigenen Uhr dieses Rechners (es werden keine Uhren verglichen).</translation>
    </message>
    <message>
        <source>Standby set by %1 at %2: %3</source>
        <translation>Standby gesetzt von %1 am %2: %3</translation>
    </message>
    <message>
        <source>A node in standby never becomes master.</source>
        <translation>Ein Knoten in Standby wird nie Master.</translation>
    </message>
    <message>
        <source>The node&apos;s wall clock minus this computer&apos;s, estimated from the wall_time in its heartbeats. Only for people: hacmp never compares clocks.</source>
        <translation>Die Uhr des Knotens minus die dieses Rechners, geschätzt aus wall_time in seinen Heartbeats. Nur zur Information: hacmp vergleicht nie Uhren.</translation>
    </message>
    <message>
        <source>Whether the node may become master: not in standby, its application has not failed too often, and it can run the application.</source>
        <translation>Ob der Knoten Master werden darf: nicht in Standby, seine Anwendung ist nicht zu oft ausgefallen, und er kann die Anwendung ausführen.</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Seit %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Berechtigt</translation>
    </message>
    <message>
        <source>Standby</source>
        <translation>Standby</translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation>Agent-Version</translation>
    </message>
    <message>
        <source>Clock skew</source>
        <translation>Uhrabweichung</translation>
    </message>
    <message>
        <source>The master term this node holds or claims; a higher epoch is a later term.</source>
        <translation>Die Master-Amtszeit, die dieser Knoten hält oder beansprucht; eine höhere Epoche ist eine spätere Amtszeit.</translation>
    </message>
    <message>
        <source>old master (epoch %1)</source>
        <translation>früherer Master (Epoche %1)</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NodesPane</name>
    <message>
        <source>&amp;Nodes</source>
        <translation>&amp;Knoten</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>hacmp::console::StateBanner</name>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (vor %2)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lese…</translation>
    </message>
    <message>
        <source>Reading the cluster directory %1.</source>
        <translation>Lese das Cluster-Verzeichnis %1.</translation>
    </message>
    <message>
        <source>No cluster open</source>
        <translation>Kein Cluster geöffnet</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Master: &lt;b&gt;%1&lt;/b&gt;, epoch %2</source>
        <translation>Master: &lt;b&gt;%1&lt;/b&gt;, Epoche %2</translation>
    </message>
    <message>
        <source>, since %1</source>
        <translation>, seit %1</translation>
    </message>
    <message>
        <source>, application running since %1</source>
        <translation>, Anwendung läuft seit %1</translation>
    </message>
    <message>
        <source>Masters: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Master: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Master: &lt;b&gt;none&lt;/b&gt;</source>
        <translation>Master: &lt;b&gt;keiner&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Maintenance set by &lt;b&gt;%1&lt;/b&gt; at %2: “%3”</source>
        <translation>Wartung gesetzt von &lt;b&gt;%1&lt;/b&gt; am %2: „%3“</translation>
    </message>
    <message>
        <source>No agent starts, stops or moves the application until maintenance is turned off.</source>
        <translation>Kein Agent startet, stoppt oder verschiebt die Anwendung, bis die Wartung ausgeschaltet wird.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the nodes table)</source>
        <translation>
            <numerusform>… und %n weiterer (siehe Knotentabelle)</numerusform>
            <numerusform>… und %n weitere (siehe Knotentabelle)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation>Cluster %1</translation>
    </message>
    <message>
        <source>Cluster state: %1</source>
        <translation>Zustand des Clusters: %1</translation>
    </message>
    <message>
        <source>Reading the cluster from etcd, %1.</source>
        <translation>Lese den Cluster aus etcd, %1.</translation>
    </message>
    <message>
        <source>Open a cluster directory with File › Open (Ctrl+O), or start the console with --dir DIR, or with --config FILE for the cluster of an agent.conf (a directory or etcd).</source>
        <translation>Öffnen Sie ein Cluster-Verzeichnis mit Datei › Öffnen (Strg+O), oder starten Sie die Konsole mit --dir VERZEICHNIS, oder mit --config DATEI für den Cluster einer agent.conf (ein Verzeichnis oder etcd).</translation>
    </message>
</context>
<context>
    <name>hacmp::console::TimelinePane</name>
    <message>
        <source>Timeline: Last &amp;Hour</source>
        <translation>Zeitleiste: letzte &amp;Stunde</translation>
    </message>
    <message>
        <source>Timeline: Last &amp;Day</source>
        <translation>Zeitleiste: letzter &amp;Tag</translation>
    </message>
    <message>
        <source>Timeline: Last &amp;Week</source>
        <translation>Zeitleiste: letzte &amp;Woche</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <source>Show the latest events, from a little before the last change of master to now (Ctrl+0, or a double-click on the timeline). The wheel zooms, a drag moves in time, a click on an event selects it in the history.</source>
        <translation>Die neuesten Ereignisse zeigen, von kurz vor dem letzten Masterwechsel bis jetzt (Strg+0 oder ein Doppelklick auf die Zeitleiste). Das Mausrad zoomt, Ziehen verschiebt in der Zeit, ein Klick auf ein Ereignis wählt es im Verlauf aus.</translation>
    </message>
    <message>
        <source>Latest events</source>
        <translation>Neueste Ereignisse</translation>
    </message>
    <message>
        <source>Timeline: Latest &amp;Events</source>
        <translation>Zeitleiste: neueste &amp;Ereignisse</translation>
    </message>
</context>
<context>
    <name>hacmp::console::TimelineWidget</name>
    <message>
        <source>Master timeline</source>
        <translation>Zeitleiste der Master</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <source>The history shows no master yet. Terms appear here as agents write their history.</source>
        <translation>Der Verlauf zeigt noch keinen Master. Amtszeiten erscheinen hier, sobald die Agenten ihren Verlauf schreiben.</translation>
    </message>
    <message>
        <source>master (one row per node)</source>
        <translation>Master (eine Zeile je Knoten)</translation>
    </message>
    <message>
        <source>no application running (downtime)</source>
        <translation>keine Anwendung läuft (Ausfallzeit)</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <source>%1 master, epoch %2 (%3)</source>
        <translation>%1 Master, Epoche %2 (%3)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>still master</source>
        <translation>noch Master</translation>
    </message>
    <message>
        <source>until %1 (%2)</source>
        <translation>bis %1 (%2)</translation>
    </message>
    <message>
        <source>the history does not show when this term ended</source>
        <translation>der Verlauf zeigt nicht, wann diese Amtszeit endete</translation>
    </message>
    <message>
        <source>No application running for %1, from %2</source>
        <translation>Keine Anwendung lief für %1, ab %2</translation>
    </message>
    <message>
        <source>Maintenance from %1, set by %2: %3</source>
        <translation>Wartung ab %1, gesetzt von %2: %3</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>Click to select this event in the history.</source>
        <translation>Klicken, um dieses Ereignis im Verlauf auszuwählen.</translation>
    </message>
    <message>
        <source>Wheel: zoom. Drag: move in time. Double-click: back to the latest events.</source>
        <translation>Mausrad: zoomen. Ziehen: in der Zeit verschieben. Doppelklick: zurück zu den neuesten Ereignissen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of a hacmp cluster: master, heartbeats, maintenance, history and timeline.</source>
        <translation>Desktop-Konsole eines hacmp-Clusters: Master, Heartbeats, Wartung, Verlauf und Zeitleiste.</translation>
    </message>
    <message>
        <source>The cluster&apos;s shared directory.</source>
        <translation>Das gemeinsame Verzeichnis des Clusters.</translation>
    </message>
    <message>
        <source>Render the window offscreen to a PNG once the first snapshot has arrived, then exit.</source>
        <translation>Das Fenster nach dem ersten Zustandsbild außerhalb des Bildschirms als PNG speichern und dann beenden.</translation>
    </message>
    <message>
        <source>Language of the window: en, sv or de (default: the system&apos;s).</source>
        <translation>Sprache des Fensters: en, sv oder de (Standard: die des Systems).</translation>
    </message>
    <message>
        <source>The tab shown first: history, failovers or timeline (default: history).</source>
        <translation>Der zuerst gezeigte Reiter: history (Verlauf), failovers oder timeline (Zeitleiste) (Standard: history).</translation>
    </message>
    <message>
        <source>An agent.conf to take the cluster (its directory or etcd) and timing from (default: %1).</source>
        <translation>Eine agent.conf, aus der Cluster (sein Verzeichnis oder etcd) und Zeiten genommen werden (Standard: %1).</translation>
    </message>
</context>
</TS>
