global using BareMetal.Dhcp;
