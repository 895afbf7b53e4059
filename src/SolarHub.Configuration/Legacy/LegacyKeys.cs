namespace SolarHub.Configuration.Legacy;

/// <summary>The key names of the older Python hub's <c>config.yaml</c> that SolarHub reads.</summary>
internal static class LegacyKeys
{
    public const string BatteryBanks = "battery_banks";
    public const string DeprecatedBatteryBank = "battery_bank";
    public const string BatteryBankArrays = "battery_bank_arrays";
    public const string Mqtt = "mqtt";
    public const string AlertsSection = "alerts";

    public const string Id = "id";
    public const string Name = "name";
    public const string Adapter = "adapter";
    public const string Adapters = "adapters";
    public const string Priority = "priority";
    public const string Enabled = "enabled";
    public const string BatteryBankIds = "battery_bank_ids";

    public const string Type = "type";
    public const string ConnectionType = "connection_type";
    public const string Host = "host";
    public const string Port = "port";
    public const string SerialPort = "serial_port";
    public const string BaudRate = "baudrate";
    public const string Parity = "parity";
    public const string StopBits = "stopbits";
    public const string ByteSize = "bytesize";
    public const string Batteries = "batteries";
    public const string CellsPerBattery = "cells_per_battery";
    public const string BatteryAddresses = "battery_addresses";
    public const string BmsBroadcasting = "bms_broadcasting";
    public const string PollTimeout = "poll_timeout";
    /// <summary>SolarHub's own: the cluster node the adapter's port is attached to (the older hub had no cluster).</summary>
    public const string Node = "node";

    public const string Username = "username";
    public const string Password = "password";
    public const string BaseTopic = "base_topic";
    public const string ClientId = "client_id";
    public const string HaDiscovery = "ha_discovery";
    public const string DiscoveryPrefix = "discovery_prefix";

    public const string Webhook = "webhook";
    public const string Rules = "rules";
    public const string Banks = "banks";
    public const string Raise = "raise";
    public const string Clear = "clear";
    public const string For = "for";

    /// <summary>The only battery adapter type SolarHub reads: JK BMS on RS485, through a TCP gateway or a serial port.</summary>
    public const string JkbmsTcpip = "jkbms_tcpip";

    /// <summary>SolarHub's own <c>connection_type</c>: a converter in "Modbus TCP to RTU" mode (host and port, active adapters only).</summary>
    public const string ModbusTcp = "modbus_tcp";

    public static readonly string[] BankKeys = [Id, Name, Adapter, Adapters];
    public static readonly string[] AdapterEntryKeys = [Adapter, Priority, Enabled];
    public static readonly string[] ArrayKeys = [Id, Name, BatteryBankIds];
    public static readonly string[] AlertsKeys = [Webhook, Rules, Banks];
    public static readonly string[] AlertRuleKeys = [Enabled, Raise, Clear, For];
    public static readonly string[] MqttKeys = [Host, Port, Username, Password, BaseTopic, ClientId, HaDiscovery, DiscoveryPrefix];

    public static readonly string[] AdapterKeys =
    [
        Type, ConnectionType, Host, Port, SerialPort, BaudRate, Parity, StopBits, ByteSize,
        Batteries, CellsPerBattery, BatteryAddresses, BmsBroadcasting, PollTimeout, Node,
    ];

    public static readonly string[] TcpOnlyKeys = [Host, Port];
    public static readonly string[] SerialOnlyKeys = [SerialPort, BaudRate, Parity, StopBits, ByteSize];
}
