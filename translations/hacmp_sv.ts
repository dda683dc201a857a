<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>ClusterAssessor</name>
    <message>
        <source>The console has not read the directory yet.</source>
        <translation>Konsolen har inte läst katalogen ännu.</translation>
    </message>
    <message>
        <source>The folder nodes/ in %1 cannot be read: %2</source>
        <translation>Mappen nodes/ i %1 kan inte läsas: %2</translation>
    </message>
    <message>
        <source>nodes/%1 is not a heartbeat record (&lt;node&gt;.hb); ignored</source>
        <translation>nodes/%1 är ingen hjärtslagspost (&lt;nod&gt;.hb); ignoreras</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>inte läst ännu</translation>
    </message>
    <message>
        <source>nodes/%1.hb: %2</source>
        <translation>nodes/%1.hb: %2</translation>
    </message>
    <message>
        <source>the record was removed</source>
        <translation>posten har tagits bort</translation>
    </message>
    <message>
        <source>No answer for %1; the window shows what was last read.</source>
        <translation>Inget svar på %1; fönstret visar det som senast lästes.</translation>
    </message>
    <message>
        <source>Node %1 is written by two hosts: two agents use the same node name. Give each host its own [node] name in agent.conf.</source>
        <translation>Noden %1 skrivs av två värdar: två agenter använder samma nodnamn. Ge varje värd ett eget [node] name i agent.conf.</translation>
    </message>
    <message>
        <source>The record of node %1 cannot be understood (%2).</source>
        <translation>Posten för noden %1 kan inte tolkas (%2).</translation>
    </message>
    <message>
        <source>Node %1 is dead: its heartbeat has not changed for %2.</source>
        <translation>Noden %1 är död: dess hjärtslag har inte ändrats på %2.</translation>
    </message>
    <message>
        <source>Node %1 is offline (its agent was stopped).</source>
        <translation>Noden %1 är offline (dess agent stoppades).</translation>
    </message>
    <message>
        <source>The heartbeat of node %1 is stale: no change for %2.</source>
        <translation>Hjärtslaget från noden %1 är inaktuellt: ingen ändring på %2.</translation>
    </message>
    <message>
        <source>Node %1 is fenced: it lost its lease and stopped the application.</source>
        <translation>Noden %1 är avstängd: den förlorade sitt lån och stoppade applikationen.</translation>
    </message>
    <message>
        <source>Node %1 runs the application outside its guard (pid %2), started by hand. It is stopped when maintenance ends, and the master starts the application under its guard.</source>
        <translation>Noden %1 kör applikationen utanför sin vakt (pid %2), startad för hand. Den stoppas när underhållet slutar, och mastern startar applikationen under sin vakt.</translation>
    </message>
    <message>
        <source>Node %1 is in standby on request of %2.</source>
        <translation>Noden %1 är i standby på begäran av %2.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>någon</translation>
    </message>
    <message>
        <source>Node %1 may not become master: its application failed too often or cannot run. Clear its failures once the cause is fixed.</source>
        <translation>Noden %1 får inte bli master: dess applikation har fallerat för ofta eller kan inte köras. Rensa dess fel när orsaken är åtgärdad.</translation>
    </message>
    <message>
        <source>Several nodes are master at once: %1.</source>
        <translation>Flera noder är master samtidigt: %1.</translation>
    </message>
    <message>
        <source>The application runs on several nodes: %1.</source>
        <translation>Applikationen körs på flera noder: %1.</translation>
    </message>
    <message>
        <source>Node %1 also shows itself master (epoch %2), but its heartbeat has not changed since the console began watching: a term that has ended, unless it changes.</source>
        <translation>Nod %1 visar sig också som master (epok %2), men dess hjärtslag har inte ändrats sedan konsolen började bevaka: en period som har upphört, om den inte ändras.</translation>
    </message>
    <message>
        <source>Nodes %1 report the same host_id %2: one host runs two agents, or its machine-id was cloned.</source>
        <translation>Noderna %1 rapporterar samma host_id %2: en värd kör två agenter, eller så har dess machine-id klonats.</translation>
    </message>
    <message>
        <source>No agent has written a heartbeat into nodes/ yet.</source>
        <translation>Ingen agent har skrivit något hjärtslag i nodes/ ännu.</translation>
    </message>
    <message>
        <source>The last master %1 is dead; an eligible standby takes over.</source>
        <translation>Den senaste mastern %1 är död; en behörig standbynod tar över.</translation>
    </message>
    <message>
        <source>Taking over: %1.</source>
        <translation>Tar över: %1.</translation>
    </message>
    <message>
        <source>The application on master %1 is %2.</source>
        <translation>Applikationen på mastern %1 är %2.</translation>
    </message>
    <message>
        <source>No other node is ready to take over.</source>
        <translation>Ingen annan nod är redo att ta över.</translation>
    </message>
    <message>
        <source>The heartbeat of master %1 has not changed for %2: it may be frozen or cut off from the storage.</source>
        <translation>Mastern %1:s hjärtslag har inte ändrats på %2: den kan ha frusit eller tappat lagringen.</translation>
    </message>
    <message>
        <source>No node is master.</source>
        <translation>Ingen nod är master.</translation>
    </message>
    <message>
        <source>Whether the cluster is in maintenance is unknown: %1</source>
        <translation>Okänt om klustret är i underhåll: %1</translation>
    </message>
    <message>
        <source>Master %1 is in standby: it hands over to another node.</source>
        <translation>Master %1 är i standby: den lämnar över till en annan nod.</translation>
    </message>
    <message>
        <source>The keys under %1nodes/ cannot be read: %2</source>
        <translation>Nycklarna under %1nodes/ kan inte läsas: %2</translation>
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
        <translation>FÖRSÄMRAT</translation>
    </message>
    <message>
        <source>NO MASTER</source>
        <translation>INGEN MASTER</translation>
    </message>
    <message>
        <source>MAINTENANCE</source>
        <translation>UNDERHÅLL</translation>
    </message>
    <message>
        <source>CONFLICT</source>
        <translation>KONFLIKT</translation>
    </message>
    <message>
        <source>DIRECTORY NOT RESPONDING</source>
        <translation>KATALOGEN SVARAR INTE</translation>
    </message>
    <message>
        <source>DIRECTORY UNREACHABLE</source>
        <translation>KATALOGEN NÅS INTE</translation>
    </message>
    <message>
        <source>ETCD NOT RESPONDING</source>
        <translation>ETCD SVARAR INTE</translation>
    </message>
    <message>
        <source>ETCD UNREACHABLE</source>
        <translation>ETCD NÅS INTE</translation>
    </message>
</context>
<context>
    <name>DirectoryPoll</name>
    <message>
        <source>%1 does not exist. Run &apos;hacmpctl init&apos; on the cluster directory again to create the missing folders.</source>
        <translation>%1 finns inte. Kör &apos;hacmpctl init&apos; på klusterkatalogen igen för att skapa de saknade mapparna.</translation>
    </message>
    <message>
        <source>You cannot write %1 (%2). Ask an administrator to add you to the group that owns the cluster directory (normally hacmp), then log in again.</source>
        <translation>Du kan inte skriva i %1 (%2). Be en administratör att lägga till dig i gruppen som äger klusterkatalogen (normalt hacmp) och logga sedan in igen.</translation>
    </message>
</context>
<context>
    <name>EndpointHealth</name>
    <message>
        <source>up, leader</source>
        <translation>uppe, ledare</translation>
    </message>
    <message>
        <source>up, follower</source>
        <translation>uppe, följare</translation>
    </message>
    <message>
        <source>up, no leader</source>
        <translation>uppe, ingen ledare</translation>
    </message>
    <message>
        <source>down</source>
        <translation>nere</translation>
    </message>
</context>
<context>
    <name>Liveness</name>
    <message>
        <source>alive</source>
        <translation>lever</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>inaktuell</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>död</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>okänd</translation>
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
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startar</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>standby</translation>
    </message>
    <message>
        <source>taking over</source>
        <translation>tar över</translation>
    </message>
    <message>
        <source>master</source>
        <translation>master</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stoppar</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>fenced</source>
        <translation>avstängd</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stoppad</translation>
    </message>
    <message>
        <source>running</source>
        <translation>körs</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallerad</translation>
    </message>
    <message>
        <source>agent started</source>
        <translation>agent startad</translation>
    </message>
    <message>
        <source>agent stopped</source>
        <translation>agent stoppad</translation>
    </message>
    <message>
        <source>role change</source>
        <translation>rollbyte</translation>
    </message>
    <message>
        <source>application started</source>
        <translation>applikation startad</translation>
    </message>
    <message>
        <source>application exited</source>
        <translation>applikation avslutad</translation>
    </message>
    <message>
        <source>application restarted</source>
        <translation>applikation omstartad</translation>
    </message>
    <message>
        <source>application failed</source>
        <translation>applikation fallerade</translation>
    </message>
    <message>
        <source>lease lapsed</source>
        <translation>lån har löpt ut</translation>
    </message>
    <message>
        <source>killed by the guard</source>
        <translation>dödad av vakten</translation>
    </message>
    <message>
        <source>node seen dead</source>
        <translation>nod sedd som död</translation>
    </message>
    <message>
        <source>storage lost</source>
        <translation>lagring förlorad</translation>
    </message>
    <message>
        <source>storage restored</source>
        <translation>lagring återställd</translation>
    </message>
    <message>
        <source>maintenance on</source>
        <translation>underhåll på</translation>
    </message>
    <message>
        <source>maintenance off</source>
        <translation>underhåll av</translation>
    </message>
    <message>
        <source>standby on</source>
        <translation>standby på</translation>
    </message>
    <message>
        <source>standby off</source>
        <translation>standby av</translation>
    </message>
    <message>
        <source>switchover requested</source>
        <translation>växling begärd</translation>
    </message>
    <message>
        <source>switchover done</source>
        <translation>växling klar</translation>
    </message>
    <message>
        <source>switchover refused</source>
        <translation>växling nekad</translation>
    </message>
    <message>
        <source>duplicate node name</source>
        <translation>dubblerat nodnamn</translation>
    </message>
    <message>
        <source>configuration rejected</source>
        <translation>konfiguration avvisad</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>incident</translation>
    </message>
    <message>
        <source>failures cleared</source>
        <translation>fel rensade</translation>
    </message>
    <message>
        <source>application start deferred</source>
        <translation>applikationsstart uppskjuten</translation>
    </message>
    <message>
        <source>application left to the guard</source>
        <translation>applikationen lämnad åt vakten</translation>
    </message>
    <message>
        <source>instance outside the guard</source>
        <translation>instans utanför vakten</translation>
    </message>
    <message>
        <source>first master</source>
        <translation>första master</translation>
    </message>
    <message>
        <source>switchover</source>
        <translation>växling</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>överlämning</translation>
    </message>
    <message>
        <source>failover</source>
        <translation>failover</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>konflikt</translation>
    </message>
    <message>
        <source>start by hand requested</source>
        <translation>start för hand begärd</translation>
    </message>
    <message>
        <source>stop by hand requested</source>
        <translation>stopp för hand begärt</translation>
    </message>
    <message>
        <source>request carried out</source>
        <translation>begäran utförd</translation>
    </message>
    <message>
        <source>request refused</source>
        <translation>begäran avvisad</translation>
    </message>
</context>
<context>
    <name>hacmp::console::ClusterMonitor</name>
    <message>
        <source>%1 has not answered for %2 (io_timeout is %3): the storage may be hung, for example an NFS server that is down.</source>
        <translation>%1 har inte svarat på %2 (io_timeout är %3): lagringen kan ha hängt sig, till exempel en NFS-server som är nere.</translation>
    </message>
    <message>
        <source>%1 has not answered for %2 (io_timeout is %3): the etcd cluster may have lost its quorum, or this computer cannot reach its members; see the endpoints.</source>
        <translation>%1 har inte svarat på %2 (io_timeout är %3): etcd-klustret kan ha förlorat sitt kvorum, eller så når den här datorn inte dess medlemmar; se ändpunkterna.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::ConfirmDialog</name>
    <message>
        <source>for example: kernel update on all nodes, ticket 4711</source>
        <translation>till exempel: kärnuppdatering på alla noder, ärende 4711</translation>
    </message>
    <message>
        <source>&amp;Reason (required, written to the cluster&apos;s history):</source>
        <translation>&amp;Anledning (krävs, skrivs i klustrets historik):</translation>
    </message>
    <message>
        <source>&amp;Reason (optional, written to the cluster&apos;s history):</source>
        <translation>&amp;Anledning (valfri, skrivs i klustrets historik):</translation>
    </message>
    <message>
        <source>Type a reason first.</source>
        <translation>Skriv en anledning först.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::ControlRequests</name>
    <message>
        <source>An earlier change has not finished yet: the directory may not be responding. Try again in a moment.</source>
        <translation>En tidigare ändring är inte klar ännu: katalogen kanske inte svarar. Försök igen om en stund.</translation>
    </message>
    <message>
        <source>The delayed change failed: %1</source>
        <translation>Den fördröjda ändringen misslyckades: %1</translation>
    </message>
    <message>
        <source>Maintenance is on. The agents see it within an interval.</source>
        <translation>Underhåll är på. Agenterna ser det inom ett intervall.</translation>
    </message>
    <message>
        <source>Maintenance is off. The agents resume within an interval.</source>
        <translation>Underhåll är av. Agenterna fortsätter inom ett intervall.</translation>
    </message>
    <message>
        <source>Node %1 is in standby.</source>
        <translation>Noden %1 är i standby.</translation>
    </message>
    <message>
        <source>Node %1 is out of standby.</source>
        <translation>Noden %1 är inte längre i standby.</translation>
    </message>
    <message>
        <source>Switchover to %1 requested; the master acts on it within an interval.</source>
        <translation>Växling till %1 begärd; mastern agerar på den inom ett intervall.</translation>
    </message>
    <message>
        <source>Clearing the failures of %1 requested; its agent acts on it within an interval.</source>
        <translation>Rensning av felen för %1 begärd; dess agent agerar på den inom ett intervall.</translation>
    </message>
    <message>
        <source>The delayed change was made after all: %1</source>
        <translation>Den fördröjda ändringen gjordes till slut: %1</translation>
    </message>
    <message>
        <source>The directory has not answered within %1. The change may still be made when it answers; check the banner before trying again.</source>
        <translation>Katalogen har inte svarat inom %1. Ändringen kan fortfarande göras när den svarar; titta på statusfältet överst innan du försöker igen.</translation>
    </message>
    <message>
        <source>Starting the application on %1 by hand requested; its agent acts on it within an interval.</source>
        <translation>Start av applikationen på %1 för hand begärd; dess agent agerar inom ett intervall.</translation>
    </message>
    <message>
        <source>Stopping the application on %1 by hand requested; its agent acts on it within an interval.</source>
        <translation>Stopp av applikationen på %1 för hand begärt; dess agent agerar inom ett intervall.</translation>
    </message>
</context>
<context>
    <name>hacmp::console::EndpointsPane</name>
    <message>
        <source>Endpoint</source>
        <translation>Ändpunkt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tillstånd</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>etcd endpoints</source>
        <translation>etcd-ändpunkter</translation>
    </message>
    <message>
        <source>etcd endpoints: %1 of %2 answer</source>
        <translation>etcd-ändpunkter: %1 av %2 svarar</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>kontrollerar…</translation>
    </message>
    <message>
        <source>etcd %1, raft term %2, revision %3</source>
        <translation>etcd %1, raft-term %2, revision %3</translation>
    </message>
</context>
<context>
    <name>hacmp::console::FailoverModel</name>
    <message>
        <source>not recorded</source>
        <translation>inte registrerad</translation>
    </message>
    <message>
        <source>From the old master&apos;s application exit to the new master&apos;s application start, as their history lines say. Taken from two hosts&apos; wall clocks: off by their skew.</source>
        <translation>Från den gamla masterns applikationsavslut till den nya masterns applikationsstart, enligt deras historikrader. Tas från två värdars väggklockor: fel med deras avvikelse.</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epok</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Anledning</translation>
    </message>
    <message>
        <source>Downtime</source>
        <translation>Driftstopp</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
</context>
<context>
    <name>hacmp::console::FailoversPane</name>
    <message>
        <source>Each change of master, newest first. Downtime runs from the old master&apos;s application exit to the new master&apos;s application start.</source>
        <translation>Varje byte av master, nyaste först. Driftstoppet räknas från den gamla masterns applikationsavslut till den nya masterns applikationsstart.</translation>
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
        <translation>Skriven av %1 (dess händelse nummer %2)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nod</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epok</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Skriven av</translation>
    </message>
</context>
<context>
    <name>hacmp::console::HistoryPane</name>
    <message>
        <source>Showing %1 of %2 events</source>
        <translation>Visar %1 av %2 händelser</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Alla noder</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alla händelser</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>Exportera historik</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another file.</source>
        <translation>Kunde inte skriva %1: %2. Välj en annan fil.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n events to %1.</source>
        <translation>
            <numerusform>Exporterade %n händelse till %1.</numerusform>
            <numerusform>Exporterade %n händelser till %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Export History as CSV…</source>
        <translation>&amp;Exportera historik som CSV…</translation>
    </message>
    <message>
        <source>N&amp;ode:</source>
        <translation>N&amp;od:</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Händelse:</translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation>T&amp;id:</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Sök:</translation>
    </message>
    <message>
        <source>details, nodes, events, writers (Ctrl+F)</source>
        <translation>detaljer, noder, händelser, skribenter (Ctrl+F)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <source>Save the events shown, with the filters applied, as a CSV file (Ctrl+E).</source>
        <translation>Spara de visade händelserna, med filtren tillämpade, som en CSV-fil (Ctrl+E).</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>När som helst</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Senaste timmen</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Senaste 24 timmarna</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Senaste 7 dagarna</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Mellan…</translation>
    </message>
</context>
<context>
    <name>hacmp::console::MainWindow</name>
    <message>
        <source>%1 — hacmp console</source>
        <translation>%1 — hacmp-konsol</translation>
    </message>
    <message>
        <source>%1: %2 — hacmp console</source>
        <translation>%1: %2 — hacmp-konsol</translation>
    </message>
    <message>
        <source>No cluster is open.</source>
        <translation>Inget kluster är öppet.</translation>
    </message>
    <message>
        <source>The directory is not responding; changes cannot be written now.</source>
        <translation>Katalogen svarar inte; ändringar kan inte skrivas nu.</translation>
    </message>
    <message>
        <source>No cluster open.</source>
        <translation>Inget kluster öppet.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Läser %1…</translation>
    </message>
    <message>
        <source>Read %1 ago</source>
        <translation>Läst för %1 sedan</translation>
    </message>
    <message>
        <source>Waiting for the directory</source>
        <translation>Väntar på katalogen</translation>
    </message>
    <message>
        <source>%1 · reads every %2 · a node is dead after %3 without a heartbeat change</source>
        <translation>%1 · läser var %2 · en nod är död efter %3 utan ändrat hjärtslag</translation>
    </message>
    <message>
        <source>Open Cluster Directory</source>
        <translation>Öppna klusterkatalog</translation>
    </message>
    <message>
        <source>About hacmp console</source>
        <translation>Om hacmp-konsolen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;hacmp console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Watches a hacmp cluster through its shared directory or its etcd cluster: which node is master, how fresh every heartbeat is, maintenance, and what happened when.&lt;/p&gt;&lt;p&gt;Heartbeat ages are measured on this computer&apos;s own clock; clocks of different hosts are never compared.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;hacmp-konsol&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Övervakar ett hacmp-kluster via dess delade katalog eller dess etcd-kluster: vilken nod som är master, hur färskt varje hjärtslag är, underhåll och vad som hände när.&lt;/p&gt;&lt;p&gt;Hjärtslagens ålder mäts med den här datorns egen klocka; klockor på olika värdar jämförs aldrig.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Öppna &amp;senaste</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Kluster</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Nod</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;pråk</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;Open Cluster Directory…</source>
        <translation>&amp;Öppna klusterkatalog…</translation>
    </message>
    <message>
        <source>Open the shared directory of a cluster (Ctrl+O).</source>
        <translation>Öppna ett klusters delade katalog (Ctrl+O).</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>&amp;Refresh Now</source>
        <translation>&amp;Uppdatera nu</translation>
    </message>
    <message>
        <source>&amp;Find in History</source>
        <translation>&amp;Sök i historiken</translation>
    </message>
    <message>
        <source>&amp;About hacmp console</source>
        <translation>&amp;Om hacmp-konsolen</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>S&amp;ystemets språk</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historik</translation>
    </message>
    <message>
        <source>&amp;Failovers</source>
        <translation>&amp;Failovers</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Tidslinje</translation>
    </message>
    <message>
        <source>hacmp console</source>
        <translation>hacmp-konsol</translation>
    </message>
    <message>
        <source>Read only: changes are disabled</source>
        <translation>Skrivskyddad: ändringar är avstängda</translation>
    </message>
    <message>
        <source>The history&apos;s filters hide this event (%1, %2, %3): choose all nodes, all events, any time and no search to see it.</source>
        <translation>Historikens filter döljer den här händelsen (%1, %2, %3): välj alla noder, alla händelser, när som helst och ingen sökning för att se den.</translation>
    </message>
    <message>
        <source>The history does not hold this event (%1, %2, %3) any more.</source>
        <translation>Historiken innehåller inte längre den här händelsen (%1, %2, %3).</translation>
    </message>
    <message>
        <source>The etcd cluster is not responding; changes cannot be written now.</source>
        <translation>etcd-klustret svarar inte; ändringar kan inte skrivas nu.</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Lagring: %1</translation>
    </message>
    <message>
        <source>From [cluster] of %1</source>
        <translation>Från [cluster] i %1</translation>
    </message>
    <message>
        <source>Waiting for etcd</source>
        <translation>Väntar på etcd</translation>
    </message>
</context>
<context>
    <name>hacmp::console::MaintenanceToggle</name>
    <message>
        <source>&amp;Maintenance Mode</source>
        <translation>&amp;Underhållsläge</translation>
    </message>
    <message>
        <source>Turn Maintenance Off…</source>
        <translation>Stäng av underhåll…</translation>
    </message>
    <message>
        <source>Turn Maintenance On…</source>
        <translation>Slå på underhåll…</translation>
    </message>
    <message>
        <source>Let the agents start, restart and move the application again (Ctrl+M).</source>
        <translation>Låt agenterna starta, starta om och flytta applikationen igen (Ctrl+M).</translation>
    </message>
    <message>
        <source>Freeze the cluster: no agent starts, stops, restarts or moves the application while you work on it (Ctrl+M).</source>
        <translation>Frys klustret: ingen agent startar, stoppar, startar om eller flyttar applikationen medan du arbetar med den (Ctrl+M).</translation>
    </message>
    <message>
        <source>It was turned on by %1 at %2: “%3”.

</source>
        <translation>Det slogs på av %1 %2: ”%3”.

</translation>
    </message>
    <message>
        <source>Turn maintenance off for cluster %1?</source>
        <translation>Stänga av underhåll för klustret %1?</translation>
    </message>
    <message>
        <source>The agents take over again: nodes that are not master stop stray instances, then the master starts the application if it is not running.</source>
        <translation>Agenterna tar över igen: noder som inte är master stoppar kvarglömda instanser, sedan startar mastern applikationen om den inte körs.</translation>
    </message>
    <message>
        <source>Turn Maintenance Off</source>
        <translation>Stäng av underhåll</translation>
    </message>
    <message>
        <source>Turn maintenance on for cluster %1?</source>
        <translation>Slå på underhåll för klustret %1?</translation>
    </message>
    <message>
        <source>While the cluster is in maintenance no agent starts, stops, restarts or moves the application, so you can work on it by hand. Heartbeats and fencing go on. Remember to turn maintenance off afterwards.</source>
        <translation>Medan klustret är i underhåll startar, stoppar, startar om eller flyttar ingen agent applikationen, så att du kan arbeta med den för hand. Hjärtslag och avstängning fortsätter. Kom ihåg att stänga av underhållet efteråt.</translation>
    </message>
    <message>
        <source>Turn Maintenance On</source>
        <translation>Slå på underhåll</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NodeActions</name>
    <message>
        <source>Select a node in the table first.</source>
        <translation>Välj först en nod i tabellen.</translation>
    </message>
    <message>
        <source>Take %1 Out of Standby…</source>
        <translation>Ta %1 ur standby…</translation>
    </message>
    <message>
        <source>Put %1 in Standby…</source>
        <translation>Sätt %1 i standby…</translation>
    </message>
    <message>
        <source>Standby…</source>
        <translation>Standby…</translation>
    </message>
    <message>
        <source>A node in standby never becomes master; a master in standby hands over to another node.</source>
        <translation>En nod i standby blir aldrig master; en master i standby lämnar över till en annan nod.</translation>
    </message>
    <message>
        <source>Roles are frozen while the cluster is in maintenance; turn maintenance off first.</source>
        <translation>Rollerna är frysta medan klustret är i underhåll; stäng av underhållet först.</translation>
    </message>
    <message>
        <source>There is no single master to hand over from.</source>
        <translation>Det finns ingen enskild master att lämna över från.</translation>
    </message>
    <message>
        <source>%1 is already master.</source>
        <translation>%1 är redan master.</translation>
    </message>
    <message>
        <source>%1 is not alive.</source>
        <translation>%1 lever inte.</translation>
    </message>
    <message>
        <source>%1 may not become master (standby, or not eligible).</source>
        <translation>%1 får inte bli master (standby eller inte behörig).</translation>
    </message>
    <message>
        <source>Switch Over to %1…</source>
        <translation>Växla till %1…</translation>
    </message>
    <message>
        <source>Switch Over…</source>
        <translation>Växla…</translation>
    </message>
    <message>
        <source>Ask master %1 to hand the application over to %2.</source>
        <translation>Be mastern %1 att lämna över applikationen till %2.</translation>
    </message>
    <message>
        <source>Clear Failures of %1…</source>
        <translation>Rensa fel för %1…</translation>
    </message>
    <message>
        <source>Clear Failures…</source>
        <translation>Rensa fel…</translation>
    </message>
    <message>
        <source>Reset the node&apos;s restart budget so that it may become master again, once the cause of the failures is fixed.</source>
        <translation>Återställ nodens omstartsbudget så att den kan bli master igen, när orsaken till felen är åtgärdad.</translation>
    </message>
    <message>
        <source>Take node %1 out of standby?</source>
        <translation>Ta noden %1 ur standby?</translation>
    </message>
    <message>
        <source>%1 may become master again when the cluster needs one.</source>
        <translation>%1 kan bli master igen när klustret behöver en.</translation>
    </message>
    <message>
        <source>Take Out of Standby</source>
        <translation>Ta ur standby</translation>
    </message>
    <message>
        <source>Put node %1 in standby?</source>
        <translation>Sätta noden %1 i standby?</translation>
    </message>
    <message>
        <source>%1 is master now: it stops the application and hands over to another node, then never becomes master until standby is taken off.</source>
        <translation>%1 är master nu: den stoppar applikationen och lämnar över till en annan nod, och blir sedan aldrig master förrän standby tas bort.</translation>
    </message>
    <message>
        <source>%1 will not become master until standby is taken off.</source>
        <translation>%1 blir inte master förrän standby tas bort.</translation>
    </message>
    <message>
        <source>Put in Standby</source>
        <translation>Sätt i standby</translation>
    </message>
    <message>
        <source>Switch over to node %1?</source>
        <translation>Växla till noden %1?</translation>
    </message>
    <message>
        <source>The master %1 (epoch %2) stops the application and hands over to %3, which starts it at once. Expect a short downtime: the application&apos;s stop and start and about two intervals.</source>
        <translation>Mastern %1 (epok %2) stoppar applikationen och lämnar över till %3, som startar den direkt. Räkna med ett kort driftstopp: applikationens stopp och start och ungefär två intervall.</translation>
    </message>
    <message>
        <source>Switch Over</source>
        <translation>Växla</translation>
    </message>
    <message>
        <source>Clear the failures of node %1?</source>
        <translation>Rensa felen för noden %1?</translation>
    </message>
    <message>
        <source>The agent of %1 resets its restart budget and may become master again. Do this once the cause of the failures is fixed.</source>
        <translation>Agenten på %1 återställer sin omstartsbudget och kan bli master igen. Gör detta när orsaken till felen är åtgärdad.</translation>
    </message>
    <message>
        <source>Clear Failures</source>
        <translation>Rensa fel</translation>
    </message>
    <message>
        <source>%1 is %2, not standby.</source>
        <translation>%1 är %2, inte standby.</translation>
    </message>
    <message>
        <source>Only in maintenance: outside it the agents alone start and stop the application.</source>
        <translation>Bara under underhåll: annars startar och stoppar agenterna ensamma applikationen.</translation>
    </message>
    <message>
        <source>No node is master: in maintenance none becomes master, so none may start the application.</source>
        <translation>Ingen nod är master: under underhåll blir ingen master, så ingen får starta applikationen.</translation>
    </message>
    <message>
        <source>Only the master starts the application by hand: %1 is master.</source>
        <translation>Bara mastern startar applikationen för hand: %1 är master.</translation>
    </message>
    <message>
        <source>Application by Hand…</source>
        <translation>Applikationen för hand…</translation>
    </message>
    <message>
        <source>Stop the Application on %1…</source>
        <translation>Stoppa applikationen på %1…</translation>
    </message>
    <message>
        <source>Start the Application on %1…</source>
        <translation>Starta applikationen på %1…</translation>
    </message>
    <message>
        <source>Ask the agent of %1 to stop the application; the master starts it again when maintenance ends.</source>
        <translation>Be agenten på %1 att stoppa applikationen; mastern startar den igen när underhållet slutar.</translation>
    </message>
    <message>
        <source>Ask the agent of %1 to start the application under its guard, with the epoch of its term.</source>
        <translation>Be agenten på %1 att starta applikationen under sin vakt, med sin mandatperiods epok.</translation>
    </message>
    <message>
        <source>Stop the application on node %1?</source>
        <translation>Stoppa applikationen på nod %1?</translation>
    </message>
    <message>
        <source>The agent of %1 stops the application, and any instance started by hand on that host. It stays stopped until maintenance ends; then the master starts it once.</source>
        <translation>Agenten på %1 stoppar applikationen och varje instans som startats för hand på den värden. Den förblir stoppad tills underhållet slutar; då startar mastern den en gång.</translation>
    </message>
    <message>
        <source>Stop the Application</source>
        <translation>Stoppa applikationen</translation>
    </message>
    <message>
        <source>Start the application on node %1?</source>
        <translation>Starta applikationen på nod %1?</translation>
    </message>
    <message>
        <source>The agent of %1 starts the application under its guard, fenced like any instance. It refuses while another node&apos;s record does not show the application stopped.</source>
        <translation>Agenten på %1 startar applikationen under sin vakt, avskärmad som varje instans. Den vägrar så länge en annan nods post inte visar applikationen stoppad.</translation>
    </message>
    <message>
        <source>Start the Application</source>
        <translation>Starta applikationen</translation>
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
        <translation>nej</translation>
    </message>
    <message>
        <source>%1, duplicate name!</source>
        <translation>%1, dubblerat namn!</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>on</source>
        <translation>på</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>okänd</translation>
    </message>
    <message>
        <source>%1, handing over to %2</source>
        <translation>%1, lämnar över till %2</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (pid %2)</translation>
    </message>
    <message>
        <source>%1%2 ± %3</source>
        <translation>%1%2 ± %3</translation>
    </message>
    <message>
        <source>The heartbeat record keeps changing: the agent is running.</source>
        <translation>Hjärtslagsposten ändras hela tiden: agenten körs.</translation>
    </message>
    <message>
        <source>The heartbeat has not changed for longer than a write should take (%1). The node is counted dead after %2 without a change.</source>
        <translation>Hjärtslaget har inte ändrats på längre tid än en skrivning bör ta (%1). Noden räknas som död efter %2 utan ändring.</translation>
    </message>
    <message>
        <source>The heartbeat has not changed for the failover timeout (%1): the agent or its host is down, or it cannot write the directory.</source>
        <translation>Hjärtslaget har inte ändrats under failover-tidsgränsen (%1): agenten eller dess värd är nere, eller så kan den inte skriva i katalogen.</translation>
    </message>
    <message>
        <source>The agent stopped cleanly and wrote an offline record.</source>
        <translation>Agenten stoppades korrekt och skrev en offline-post.</translation>
    </message>
    <message>
        <source>The record has not been read yet.</source>
        <translation>Posten har inte lästs ännu.</translation>
    </message>
    <message>
        <source>The record cannot be understood: %1</source>
        <translation>Posten kan inte tolkas: %1</translation>
    </message>
    <message>
        <source>Time since the console last saw this record change, on this computer&apos;s own clock. The console has not seen it change since it started, so the record may be older.</source>
        <translation>Tid sedan konsolen senast såg posten ändras, mätt med den här datorns egen klocka. Konsolen har inte sett den ändras sedan den startade, så posten kan vara äldre.</translation>
    </message>
    <message>
        <source>Time since the console last saw this record change, on this computer&apos;s own clock (no clocks are compared).</source>
        <translation>Tid sedan konsolen senast såg posten ändras, mätt med den här datorns egen klocka (inga klockor jämförs).</translation>
    </message>
    <message>
        <source>Standby set by %1 at %2: %3</source>
        <translation>Standby satt av %1 %2: %3</translation>
    </message>
    <message>
        <source>A node in standby never becomes master.</source>
        <translation>En nod i standby blir aldrig master.</translation>
    </message>
    <message>
        <source>The node&apos;s wall clock minus this computer&apos;s, estimated from the wall_time in its heartbeats. Only for people: hacmp never compares clocks.</source>
        <translation>Nodens väggklocka minus den här datorns, uppskattad från wall_time i dess hjärtslag. Bara för människor: hacmp jämför aldrig klockor.</translation>
    </message>
    <message>
        <source>Whether the node may become master: not in standby, its application has not failed too often, and it can run the application.</source>
        <translation>Om noden får bli master: inte i standby, dess applikation har inte fallerat för ofta, och den kan köra applikationen.</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Sedan %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nod</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Hjärtslag</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epok</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Applikation</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Ålder</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritet</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Behörig</translation>
    </message>
    <message>
        <source>Standby</source>
        <translation>Standby</translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation>Agentversion</translation>
    </message>
    <message>
        <source>Clock skew</source>
        <translation>Klockavvikelse</translation>
    </message>
    <message>
        <source>The master term this node holds or claims; a higher epoch is a later term.</source>
        <translation>Den masterperiod som noden har eller gör anspråk på; en högre epok är en senare period.</translation>
    </message>
    <message>
        <source>old master (epoch %1)</source>
        <translation>före detta master (epok %1)</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NodesPane</name>
    <message>
        <source>&amp;Nodes</source>
        <translation>&amp;Noder</translation>
    </message>
</context>
<context>
    <name>hacmp::console::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>hacmp::console::StateBanner</name>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (för %2 sedan)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Läser…</translation>
    </message>
    <message>
        <source>Reading the cluster directory %1.</source>
        <translation>Läser klusterkatalogen %1.</translation>
    </message>
    <message>
        <source>No cluster open</source>
        <translation>Inget kluster öppet</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 i %2</translation>
    </message>
    <message>
        <source>Master: &lt;b&gt;%1&lt;/b&gt;, epoch %2</source>
        <translation>Master: &lt;b&gt;%1&lt;/b&gt;, epok %2</translation>
    </message>
    <message>
        <source>, since %1</source>
        <translation>, sedan %1</translation>
    </message>
    <message>
        <source>, application running since %1</source>
        <translation>, applikationen körs sedan %1</translation>
    </message>
    <message>
        <source>Masters: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Mastrar: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Master: &lt;b&gt;none&lt;/b&gt;</source>
        <translation>Master: &lt;b&gt;ingen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Maintenance set by &lt;b&gt;%1&lt;/b&gt; at %2: “%3”</source>
        <translation>Underhåll satt av &lt;b&gt;%1&lt;/b&gt; %2: ”%3”</translation>
    </message>
    <message>
        <source>No agent starts, stops or moves the application until maintenance is turned off.</source>
        <translation>Ingen agent startar, stoppar eller flyttar applikationen förrän underhållet stängs av.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the nodes table)</source>
        <translation>
            <numerusform>… och %n till (se nodtabellen)</numerusform>
            <numerusform>… och %n till (se nodtabellen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation>Kluster %1</translation>
    </message>
    <message>
        <source>Cluster state: %1</source>
        <translation>Klustrets tillstånd: %1</translation>
    </message>
    <message>
        <source>Reading the cluster from etcd, %1.</source>
        <translation>Läser klustret från etcd, %1.</translation>
    </message>
    <message>
        <source>Open a cluster directory with File › Open (Ctrl+O), or start the console with --dir DIR, or with --config FILE for the cluster of an agent.conf (a directory or etcd).</source>
        <translation>Öppna en klusterkatalog med Arkiv › Öppna (Ctrl+O), eller starta konsolen med --dir KATALOG, eller med --config FIL för klustret i en agent.conf (en katalog eller etcd).</translation>
    </message>
</context>
<context>
    <name>hacmp::console::TimelinePane</name>
    <message>
        <source>Timeline: Last &amp;Hour</source>
        <translation>Tidslinje: senaste &amp;timmen</translation>
    </message>
    <message>
        <source>Timeline: Last &amp;Day</source>
        <translation>Tidslinje: senaste &amp;dygnet</translation>
    </message>
    <message>
        <source>Timeline: Last &amp;Week</source>
        <translation>Tidslinje: senaste &amp;veckan</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Senaste timmen</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Senaste dygnet</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Senaste veckan</translation>
    </message>
    <message>
        <source>Show the latest events, from a little before the last change of master to now (Ctrl+0, or a double-click on the timeline). The wheel zooms, a drag moves in time, a click on an event selects it in the history.</source>
        <translation>Visa de senaste händelserna, från strax före det senaste masterbytet till nu (Ctrl+0, eller dubbelklicka på tidslinjen). Mushjulet zoomar, att dra flyttar i tiden, ett klick på en händelse markerar den i historiken.</translation>
    </message>
    <message>
        <source>Latest events</source>
        <translation>Senaste händelserna</translation>
    </message>
    <message>
        <source>Timeline: Latest &amp;Events</source>
        <translation>Tidslinje: senaste &amp;händelserna</translation>
    </message>
</context>
<context>
    <name>hacmp::console::TimelineWidget</name>
    <message>
        <source>Master timeline</source>
        <translation>Tidslinje över mastrar</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>epok %1</translation>
    </message>
    <message>
        <source>The history shows no master yet. Terms appear here as agents write their history.</source>
        <translation>Historiken visar ingen master ännu. Perioder visas här när agenterna skriver sin historik.</translation>
    </message>
    <message>
        <source>master (one row per node)</source>
        <translation>master (en rad per nod)</translation>
    </message>
    <message>
        <source>no application running (downtime)</source>
        <translation>ingen applikation körs (driftstopp)</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>underhåll</translation>
    </message>
    <message>
        <source>%1 master, epoch %2 (%3)</source>
        <translation>%1 master, epok %2 (%3)</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>från %1</translation>
    </message>
    <message>
        <source>still master</source>
        <translation>fortfarande master</translation>
    </message>
    <message>
        <source>until %1 (%2)</source>
        <translation>till %1 (%2)</translation>
    </message>
    <message>
        <source>the history does not show when this term ended</source>
        <translation>historiken visar inte när perioden slutade</translation>
    </message>
    <message>
        <source>No application running for %1, from %2</source>
        <translation>Ingen applikation körde under %1, från %2</translation>
    </message>
    <message>
        <source>Maintenance from %1, set by %2: %3</source>
        <translation>Underhåll från %1, satt av %2: %3</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>Click to select this event in the history.</source>
        <translation>Klicka för att markera händelsen i historiken.</translation>
    </message>
    <message>
        <source>Wheel: zoom. Drag: move in time. Double-click: back to the latest events.</source>
        <translation>Mushjul: zooma. Dra: flytta i tiden. Dubbelklick: tillbaka till de senaste händelserna.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop console of a hacmp cluster: master, heartbeats, maintenance, history and timeline.</source>
        <translation>Skrivbordskonsol för ett hacmp-kluster: master, hjärtslag, underhåll, historik och tidslinje.</translation>
    </message>
    <message>
        <source>The cluster&apos;s shared directory.</source>
        <translation>Klustrets delade katalog.</translation>
    </message>
    <message>
        <source>Render the window offscreen to a PNG once the first snapshot has arrived, then exit.</source>
        <translation>Rita fönstret utanför skärmen till en PNG när den första ögonblicksbilden har kommit, och avsluta sedan.</translation>
    </message>
    <message>
        <source>Language of the window: en, sv or de (default: the system&apos;s).</source>
        <translation>Fönstrets språk: en, sv eller de (standard: systemets).</translation>
    </message>
    <message>
        <source>The tab shown first: history, failovers or timeline (default: history).</source>
        <translation>Fliken som visas först: history (historik), failovers eller timeline (tidslinje) (standard: history).</translation>
    </message>
    <message>
        <source>An agent.conf to take the cluster (its directory or etcd) and timing from (default: %1).</source>
        <translation>En agent.conf att ta klustret (dess katalog eller etcd) och tidsinställningarna från (standard: %1).</translation>
    </message>
</context>
</TS>
