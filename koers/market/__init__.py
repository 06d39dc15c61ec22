"""Labour-market intelligence: tension, bottlenecks, forecasts, skills barometer, outlook."""
